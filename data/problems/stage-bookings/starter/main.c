#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n;
    long long b;
    if (scanf("%d %lld", &n, &b) != 2) return 0;
    long long *s = malloc(sizeof(long long) * n), *e = malloc(sizeof(long long) * n), *p = malloc(sizeof(long long) * n);
    for (int i = 0; i < n; i++) scanf("%lld %lld %lld", &s[i], &e[i], &p[i]);
    /* TODO: choose the best set of offers */
    printf("%d\n", 0);
    free(s); free(e); free(p);
    return 0;
}

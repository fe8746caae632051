#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    long long *t = malloc(sizeof(long long) * n), *s = malloc(sizeof(long long) * n), *p = malloc(sizeof(long long) * n);
    for (int i = 0; i < n; i++) scanf("%lld %lld %lld", &t[i], &s[i], &p[i]);
    /* TODO: simulate the queue */
    for (int i = 0; i < n; i++) printf(i ? " %d" : "%d", -1);
    printf("\n%d\n", 0);
    free(t); free(s); free(p);
    return 0;
}

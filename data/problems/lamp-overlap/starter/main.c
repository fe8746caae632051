#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    long long *l = malloc(sizeof(long long) * n), *r = malloc(sizeof(long long) * n);
    for (int i = 0; i < n; i++) scanf("%lld %lld", &l[i], &r[i]);
    /* TODO: find the brightest house numbers */
    printf("%d %d\n", 0, 0);
    free(l);
    free(r);
    return 0;
}

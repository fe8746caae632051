#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    long long *p = malloc(sizeof(long long) * (n + 1));
    int *u = malloc(sizeof(int) * n), *v = malloc(sizeof(int) * n);
    for (int i = 1; i <= n; i++) scanf("%lld", &p[i]);
    for (int i = 0; i < n - 1; i++) scanf("%d %d", &u[i], &v[i]);
    /* TODO: find the fairest canal to cut */
    printf("%d\n", 0);
    free(p); free(u); free(v);
    return 0;
}

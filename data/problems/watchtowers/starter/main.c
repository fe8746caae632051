#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    long long *c = malloc(sizeof(long long) * (n + 1));
    int *u = malloc(sizeof(int) * n), *v = malloc(sizeof(int) * n);
    for (int i = 1; i <= n; i++) scanf("%lld", &c[i]);
    for (int i = 0; i < n - 1; i++) scanf("%d %d", &u[i], &v[i]);
    /* TODO: choose the cheapest set of towers that watches every clearing */
    printf("%d\n", 0);
    free(c); free(u); free(v);
    return 0;
}

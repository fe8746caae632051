#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n, m, k;
    if (scanf("%d %d %d", &n, &m, &k) != 3) return 0;
    int *u = malloc(sizeof(int) * (m + 1)), *v = malloc(sizeof(int) * (m + 1));
    long long *c = malloc(sizeof(long long) * (m + 1));
    for (int j = 0; j < m; j++) scanf("%d %d %lld", &u[j], &v[j], &c[j]);
    /* TODO: find the cheapest way from town 1 to town n */
    printf("%d\n", -1);
    free(u); free(v); free(c);
    return 0;
}

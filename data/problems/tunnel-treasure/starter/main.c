#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    long long *g = malloc(sizeof(long long) * (n + 1));
    int *a = malloc(sizeof(int) * (m + 1)), *b = malloc(sizeof(int) * (m + 1));
    for (int i = 1; i <= n; i++) scanf("%lld", &g[i]);
    for (int j = 0; j < m; j++) scanf("%d %d", &a[j], &b[j]);
    /* TODO: find the most gold the explorer can collect */
    printf("%d\n", 0);
    free(g); free(a); free(b);
    return 0;
}

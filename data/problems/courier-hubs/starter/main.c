#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    long long *d = malloc(sizeof(long long) * (n + 1));
    int *u = malloc(sizeof(int) * (m + 1)), *v = malloc(sizeof(int) * (m + 1));
    long long *w = malloc(sizeof(long long) * (m + 1));
    for (int i = 1; i <= n; i++) scanf("%lld", &d[i]);
    for (int j = 0; j < m; j++) scanf("%d %d %lld", &u[j], &v[j], &w[j]);
    /* TODO: compute the fastest delivery to every hub */
    for (int i = 1; i <= n; i++) printf(i > 1 ? " %d" : "%d", -1);
    printf("\n");
    free(d); free(u); free(v); free(w);
    return 0;
}

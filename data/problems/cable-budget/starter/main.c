#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    int *u = malloc(sizeof(int) * (m + 1)), *v = malloc(sizeof(int) * (m + 1));
    int *c = malloc(sizeof(int) * (m + 1)), *f = malloc(sizeof(int) * (m + 1));
    for (int j = 0; j < m; j++) scanf("%d %d %d %d", &u[j], &v[j], &c[j], &f[j]);
    /* TODO: choose the cheapest set of proposed cables */
    printf("%d\n", -1);
    free(u); free(v); free(c); free(f);
    return 0;
}

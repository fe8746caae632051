#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n, m, q;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    int *u = malloc(sizeof(int) * m), *v = malloc(sizeof(int) * m);
    for (int j = 0; j < m; j++) scanf("%d %d", &u[j], &v[j]);
    scanf("%d", &q);
    int *e = malloc(sizeof(int) * q);
    for (int i = 0; i < q; i++) scanf("%d", &e[i]);
    /* TODO: count the groups after every closure */
    for (int i = 0; i < q; i++) printf("%d\n", 0);
    free(u); free(v); free(e);
    return 0;
}

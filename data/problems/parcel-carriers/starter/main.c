#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n, k;
    if (scanf("%d %d", &n, &k) != 2) return 0;
    long long *w = malloc(sizeof(long long) * n);
    for (int i = 0; i < n; i++) scanf("%lld", &w[i]);
    /* TODO: find the smallest possible heaviest load */
    printf("%d\n", 0);
    free(w);
    return 0;
}

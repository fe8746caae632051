#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    long long *h = malloc(sizeof(long long) * n);
    for (int i = 0; i < n; i++) scanf("%lld", &h[i]);
    /* TODO: count the towers reached by every beam */
    for (int i = 0; i < n; i++) printf(i ? " %d" : "%d", 0);
    printf("\n");
    free(h);
    return 0;
}

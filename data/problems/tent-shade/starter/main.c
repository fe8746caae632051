#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n, theta;
    if (scanf("%d %d", &n, &theta) != 2) return 0;
    long long *x = malloc(sizeof(long long) * n), *h = malloc(sizeof(long long) * n);
    for (int i = 0; i < n; i++) scanf("%lld %lld", &x[i], &h[i]);
    /* TODO: compute the shaded length */
    printf("%.6f\n", 0.0);
    free(x);
    free(h);
    return 0;
}

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n;
    long long d;
    if (scanf("%d %lld", &n, &d) != 2) return 0;
    long long *x = malloc(sizeof(long long) * n), *y = malloc(sizeof(long long) * n);
    for (int i = 0; i < n; i++) scanf("%lld %lld", &x[i], &y[i]);
    /* TODO: compute the shortest fence */
    printf("%.9f\n", 0.0);
    free(x);
    free(y);
    return 0;
}

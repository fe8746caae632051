#include <stdio.h>

int main(void) {
    int n;
    long long x0, y0, x[15], y[15], t[15];
    if (scanf("%d %lld %lld", &n, &x0, &y0) != 3) return 0;
    for (int i = 0; i < n; i++) scanf("%lld %lld %lld", &x[i], &y[i], &t[i]);
    /* TODO: plan the deliveries */
    printf("%d\n", -1);
    return 0;
}

#include <stdio.h>

int main(void) {
    int n;
    long long lo, hi, w[36];
    if (scanf("%d %lld %lld", &n, &lo, &hi) != 3) return 0;
    for (int i = 0; i < n; i++) scanf("%lld", &w[i]);
    /* TODO: count the subsets whose weight is between lo and hi */
    printf("%d\n", 0);
    return 0;
}

#include <stdio.h>

#define MOD 1000000007ULL

int main(void) {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        unsigned long long a, b;
        scanf("%llu %llu", &a, &b);
        /* TODO: compute the varnish needed for steps a..b modulo MOD */
        printf("%d\n", 0);
    }
    return 0;
}

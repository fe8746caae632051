#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n, q;
    if (scanf("%d %d", &n, &q) != 2) return 0;
    long long *c = malloc(sizeof(long long) * (n + 1));
    for (int i = 1; i <= n; i++) scanf("%lld", &c[i]);
    for (int k = 0; k < q; k++) {
        int l, r;
        long long s;
        scanf("%d %d %lld", &l, &r, &s);
        /* TODO: answer the question */
        printf("%d\n", 0);
    }
    free(c);
    return 0;
}

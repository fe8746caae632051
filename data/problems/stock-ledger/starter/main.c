#include <stdio.h>

int main(void) {
    int q;
    if (scanf("%d", &q) != 1) return 0;
    char op[4];
    for (int i = 0; i < q; i++) {
        scanf("%3s", op);
        if (op[0] == '#') {
            long long a, b;
            scanf("%lld %lld", &a, &b);
            /* TODO: count the crates weighing between a and b */
            printf("%d\n", 0);
        } else {
            long long x;
            scanf("%lld", &x);
            if (op[0] == '?') {
                /* TODO: the weight of the x-th lightest crate */
                printf("%d\n", -1);
            }
            /* TODO: '+' and '-' change the shelf */
        }
    }
    return 0;
}

// Wrong: reduces n modulo 1e9+7 and then multiplies three such numbers in
// 64 bits, which overflows; it also "divides" by 6 after reducing.
#include <bits/stdc++.h>
using namespace std;
typedef unsigned long long ull;
const ull MOD = 1000000007ULL;

ull squares_up_to(ull n) {
    ull m = n % MOD;
    return m * (m + 1) * (2 * m + 1) / 6 % MOD;
}

int main() {
    int t;
    scanf("%d", &t);
    while (t--) {
        ull a, b;
        scanf("%llu %llu", &a, &b);
        printf("%llu\n", (squares_up_to(b) + MOD - squares_up_to(a - 1)) % MOD);
    }
}

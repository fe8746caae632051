#include <bits/stdc++.h>
using namespace std;
typedef unsigned long long ull;
const ull MOD = 1000000007ULL;

// n(n+1)(2n+1)/6 mod MOD, dividing exactly before reducing.
ull squares_up_to(ull n) {
    unsigned __int128 x = n, y = n + 1, z = 2 * (unsigned __int128)n + 1;
    // one of x, y is even; one of x, y, z is divisible by 3
    if (x % 2 == 0) x /= 2; else y /= 2;
    if (x % 3 == 0) x /= 3; else if (y % 3 == 0) y /= 3; else z /= 3;
    return (ull)((x % MOD) * (y % MOD) % MOD * (z % MOD) % MOD);
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

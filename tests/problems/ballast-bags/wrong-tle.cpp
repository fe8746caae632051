// Correct but far too slow: walks through all 2^n subsets (in Gray-code
// order, one bag in or out per step).
#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

int main() {
    int n;
    ll L, R;
    scanf("%d %lld %lld", &n, &L, &R);
    vector<ll> w(n);
    for (auto &x : w) scanf("%lld", &x);
    ll sum = 0, count = (L <= 0);
    for (unsigned long long k = 1; k < (1ULL << n); k++) {
        int bit = __builtin_ctzll(k);
        if (((k ^ (k >> 1)) >> bit) & 1) sum += w[bit];
        else sum -= w[bit];
        if (L <= sum && sum <= R) count++;
    }
    printf("%lld\n", count);
}

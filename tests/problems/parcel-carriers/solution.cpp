#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, k;
    scanf("%d %d", &n, &k);
    vector<long long> w(n);
    long long lo = 0, hi = 0;
    for (auto &x : w) {
        scanf("%lld", &x);
        lo = max(lo, x);
        hi += x;
    }
    auto fits = [&](long long limit) {
        int used = 1;
        long long load = 0;
        for (long long x : w) {
            if (load + x > limit) {
                used++;
                load = 0;
            }
            load += x;
        }
        return used <= k;
    };
    while (lo < hi) {
        long long mid = lo + (hi - lo) / 2;
        if (fits(mid)) hi = mid;
        else lo = mid + 1;
    }
    printf("%lld\n", lo);
}

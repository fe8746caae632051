// Correct but far too slow: tries every possible limit upwards from the
// heaviest parcel instead of binary searching it.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, k;
    scanf("%d %d", &n, &k);
    vector<long long> w(n);
    long long lo = 0;
    for (auto &x : w) {
        scanf("%lld", &x);
        lo = max(lo, x);
    }
    for (long long limit = lo;; limit++) {
        int used = 1;
        long long load = 0;
        for (long long x : w) {
            if (load + x > limit) {
                used++;
                load = 0;
            }
            load += x;
        }
        if (used <= k) {
            printf("%lld\n", limit);
            return 0;
        }
    }
}

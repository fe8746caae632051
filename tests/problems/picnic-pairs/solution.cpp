#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    long long k;
    scanf("%d %lld", &n, &k);
    vector<long long> w(n);
    for (auto &x : w) scanf("%lld", &x);
    sort(w.begin(), w.end());
    long long count = 0;
    for (int i = 0; i < n; i++) {
        // partners j > i with w[j] <= k - w[i]
        long long limit = k - w[i];
        int hi = upper_bound(w.begin() + i + 1, w.end(), limit) - w.begin();
        count += max(0, hi - (i + 1));
    }
    printf("%lld\n", count);
}

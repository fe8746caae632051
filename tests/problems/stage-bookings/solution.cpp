#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    long long b;
    scanf("%d %lld", &n, &b);
    vector<array<long long, 3>> o(n);  // end, start, pay
    for (auto &x : o) scanf("%lld %lld %lld", &x[1], &x[0], &x[2]);
    sort(o.begin(), o.end());
    vector<long long> ends(n), best(n + 1, 0);
    for (int i = 0; i < n; i++) ends[i] = o[i][0];
    for (int k = 0; k < n; k++) {
        int j = upper_bound(ends.begin(), ends.begin() + k, o[k][1] - b) - ends.begin();
        best[k + 1] = max(best[k], best[j] + o[k][2]);
    }
    printf("%lld\n", best[n]);
}

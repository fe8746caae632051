#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    long long d;
    cin >> n >> d;
    vector<pair<long long, long long>> trees(n);
    for (auto &t : trees) cin >> t.first >> t.second;
    // TODO: compute the shortest fence
    cout << fixed << setprecision(9) << 0.0 << "\n";
    return 0;
}

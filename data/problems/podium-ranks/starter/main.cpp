#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<pair<string, long long>> c(n);
    for (auto &p : c) cin >> p.first >> p.second;
    // TODO: sort the climbers and assign ranks
    for (auto &p : c) cout << 1 << ' ' << p.first << ' ' << p.second << '\n';
    return 0;
}

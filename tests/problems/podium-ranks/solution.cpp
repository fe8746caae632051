#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<pair<long long, string>> c(n);
    for (auto &p : c) {
        cin >> p.second >> p.first;
        p.first = -p.first;
    }
    sort(c.begin(), c.end());
    int rank = 0;
    for (int i = 0; i < n; i++) {
        if (i == 0 || c[i].first != c[i - 1].first) rank = i + 1;
        cout << rank << ' ' << c[i].second << ' ' << -c[i].first << '\n';
    }
}

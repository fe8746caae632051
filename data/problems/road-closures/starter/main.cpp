#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m, q;
    cin >> n >> m;
    vector<int> u(m), v(m);
    for (int j = 0; j < m; j++) cin >> u[j] >> v[j];
    cin >> q;
    vector<int> e(q);
    for (auto &x : e) cin >> x;
    // TODO: count the groups after every closure
    for (int i = 0; i < q; i++) cout << 0 << "\n";
    return 0;
}

#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    vector<long long> d(n + 1);
    for (int i = 1; i <= n; i++) cin >> d[i];
    vector<vector<pair<int, long long>>> adj(n + 1);
    for (int j = 0; j < m; j++) {
        int u, v;
        long long w;
        cin >> u >> v >> w;
        adj[u].push_back({v, w});
        adj[v].push_back({u, w});
    }
    // TODO: compute the fastest delivery to every hub
    for (int i = 1; i <= n; i++) cout << (i > 1 ? " " : "") << -1;
    cout << "\n";
    return 0;
}

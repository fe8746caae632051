#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    vector<long long> g(n + 1);
    for (int i = 1; i <= n; i++) cin >> g[i];
    vector<vector<int>> adj(n + 1);
    for (int j = 0; j < m; j++) {
        int a, b;
        cin >> a >> b;
        adj[a].push_back(b);
    }
    // TODO: find the most gold the explorer can collect
    cout << 0 << "\n";
    return 0;
}

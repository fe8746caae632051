// Wrong: distances in 32-bit ints overflow on long routes.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    vector<int> d(n + 1);
    for (int i = 1; i <= n; i++) scanf("%d", &d[i]);
    vector<vector<pair<int, int>>> adj(n + 1);
    for (int j = 0; j < m; j++) {
        int u, v, w;
        scanf("%d %d %d", &u, &v, &w);
        adj[u].push_back({v, w});
        adj[v].push_back({u, w});
    }
    vector<int> dist(n + 1, INT_MAX);
    priority_queue<pair<int, int>, vector<pair<int, int>>, greater<>> pq;
    dist[1] = 0;
    pq.push({0, 1});
    while (!pq.empty()) {
        auto [du, u] = pq.top();
        pq.pop();
        if (du != dist[u]) continue;
        int leave = du + (u == 1 ? 0 : d[u]);
        for (auto [v, w] : adj[u])
            if (leave + w < dist[v]) {
                dist[v] = leave + w;
                pq.push({dist[v], v});
            }
    }
    for (int i = 1; i <= n; i++) printf("%d%c", dist[i] == INT_MAX ? -1 : dist[i], i < n ? ' ' : '\n');
}

#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    vector<long long> d(n + 1);
    for (int i = 1; i <= n; i++) scanf("%lld", &d[i]);
    vector<vector<pair<int, long long>>> adj(n + 1);
    for (int j = 0; j < m; j++) {
        int u, v;
        long long w;
        scanf("%d %d %lld", &u, &v, &w);
        adj[u].push_back({v, w});
        adj[v].push_back({u, w});
    }
    // split every hub into "arrived" and "ready to leave" (after sorting)
    const long long INF = LLONG_MAX;
    vector<long long> dist(n + 1, INF);
    priority_queue<pair<long long, int>, vector<pair<long long, int>>, greater<>> pq;
    dist[1] = 0;
    pq.push({0, 1});
    while (!pq.empty()) {
        auto [du, u] = pq.top();
        pq.pop();
        if (du != dist[u]) continue;
        long long leave = du + (u == 1 ? 0 : d[u]);
        for (auto [v, w] : adj[u])
            if (leave + w < dist[v]) {
                dist[v] = leave + w;
                pq.push({dist[v], v});
            }
    }
    for (int i = 1; i <= n; i++) printf("%lld%c", dist[i] == INF ? -1 : dist[i], i < n ? ' ' : '\n');
}

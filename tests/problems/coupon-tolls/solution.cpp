#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

int main() {
    int n, m, k;
    scanf("%d %d %d", &n, &m, &k);
    vector<vector<pair<int, ll>>> adj(n + 1);
    for (int j = 0; j < m; j++) {
        int u, v;
        ll c;
        scanf("%d %d %lld", &u, &v, &c);
        adj[u].push_back({v, c});
        adj[v].push_back({u, c});
    }
    const ll INF = LLONG_MAX;
    vector<vector<ll>> dist(k + 1, vector<ll>(n + 1, INF));
    priority_queue<tuple<ll, int, int>, vector<tuple<ll, int, int>>, greater<>> pq;
    dist[0][1] = 0;
    pq.push({0, 1, 0});
    while (!pq.empty()) {
        auto [d, u, used] = pq.top();
        pq.pop();
        if (d != dist[used][u]) continue;
        for (auto [v, c] : adj[u]) {
            if (d + c < dist[used][v]) dist[used][v] = d + c, pq.push({d + c, v, used});
            if (used < k && d + c / 2 < dist[used + 1][v])
                dist[used + 1][v] = d + c / 2, pq.push({d + c / 2, v, used + 1});
        }
    }
    ll best = INF;
    for (int j = 0; j <= k; j++) best = min(best, dist[j][n]);
    printf("%lld\n", best == INF ? -1LL : best);
}

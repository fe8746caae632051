// Wrong: sizes the state table for towns 0..n-1 but numbers towns from 1, so
// reaching town n indexes past the end (vector::at throws).
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
    int L = k + 1;
    vector<ll> dist((size_t)n * L, LLONG_MAX);
    priority_queue<tuple<ll, int, int>, vector<tuple<ll, int, int>>, greater<>> pq;
    dist.at(1 * L) = 0;
    pq.push({0, 1, 0});
    while (!pq.empty()) {
        auto [d, u, used] = pq.top();
        pq.pop();
        if (d != dist.at(u * L + used)) continue;
        for (auto [v, c] : adj[u]) {
            if (d + c < dist.at(v * L + used)) dist.at(v * L + used) = d + c, pq.push({d + c, v, used});
            if (used < k && d + c / 2 < dist.at(v * L + used + 1))
                dist.at(v * L + used + 1) = d + c / 2, pq.push({d + c / 2, v, used + 1});
        }
    }
    ll best = LLONG_MAX;
    for (int j = 0; j <= k; j++) best = min(best, dist.at(n * L + j));
    printf("%lld\n", best == LLONG_MAX ? -1LL : best);
}

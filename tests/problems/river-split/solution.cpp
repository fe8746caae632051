#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    vector<long long> sub(n + 1);
    for (int i = 1; i <= n; i++) scanf("%lld", &sub[i]);
    vector<vector<int>> adj(n + 1);
    for (int i = 0; i < n - 1; i++) {
        int u, v;
        scanf("%d %d", &u, &v);
        adj[u].push_back(v);
        adj[v].push_back(u);
    }
    // BFS order from village 1, then accumulate subtree sums in reverse
    vector<int> order, par(n + 1, 0);
    order.reserve(n);
    order.push_back(1);
    par[1] = -1;
    for (size_t i = 0; i < order.size(); i++) {
        int u = order[i];
        for (int v : adj[u])
            if (v != par[u]) {
                par[v] = u;
                order.push_back(v);
            }
    }
    for (int i = n - 1; i > 0; i--) sub[par[order[i]]] += sub[order[i]];
    long long total = sub[1], best = LLONG_MAX;
    for (int i = 1; i < n; i++) best = min(best, llabs(total - 2 * sub[order[i]]));
    printf("%lld\n", best);
}

// Wrong: the population sums are kept in 32-bit ints and overflow.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    vector<int> sub(n + 1);
    for (int i = 1; i <= n; i++) scanf("%d", &sub[i]);
    vector<vector<int>> adj(n + 1);
    for (int i = 0; i < n - 1; i++) {
        int u, v;
        scanf("%d %d", &u, &v);
        adj[u].push_back(v);
        adj[v].push_back(u);
    }
    vector<int> order{1}, par(n + 1, 0);
    par[1] = -1;
    for (size_t i = 0; i < order.size(); i++)
        for (int v : adj[order[i]])
            if (v != par[order[i]]) par[v] = order[i], order.push_back(v);
    for (int i = n - 1; i > 0; i--) sub[par[order[i]]] += sub[order[i]];
    int total = sub[1], best = INT_MAX;
    for (int i = 1; i < n; i++) best = min(best, abs(total - 2 * sub[order[i]]));
    printf("%d\n", best);
}

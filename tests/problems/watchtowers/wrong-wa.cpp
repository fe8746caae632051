// Wrong: the classic greedy for the unweighted problem (deepest clearing
// first: if it is not watched, build on its parent) ignores the costs.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    vector<long long> c(n + 1);
    for (int i = 1; i <= n; i++) scanf("%lld", &c[i]);
    vector<vector<int>> adj(n + 1);
    for (int i = 0; i < n - 1; i++) {
        int u, v;
        scanf("%d %d", &u, &v);
        adj[u].push_back(v);
        adj[v].push_back(u);
    }
    vector<int> order{1}, par(n + 1, 0);
    for (size_t i = 0; i < order.size(); i++)
        for (int v : adj[order[i]])
            if (v != par[order[i]]) par[v] = order[i], order.push_back(v);
    vector<char> tower(n + 1, 0), watched(n + 1, 0);
    long long total = 0;
    for (int i = n - 1; i >= 0; i--) {
        int v = order[i];
        if (watched[v]) continue;
        int t = par[v] ? par[v] : v;
        tower[t] = 1;
        total += c[t];
        watched[t] = 1;
        for (int u : adj[t]) watched[u] = 1;
    }
    printf("%lld\n", total);
}

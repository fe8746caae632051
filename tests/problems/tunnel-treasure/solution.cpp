#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

// Kosaraju: order by finishing time on the graph, then components on the
// reversed graph; then longest (heaviest) path over the condensation.
int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    vector<ll> g(n + 1);
    for (int i = 1; i <= n; i++) scanf("%lld", &g[i]);
    vector<vector<int>> adj(n + 1), radj(n + 1);
    for (int j = 0; j < m; j++) {
        int a, b;
        scanf("%d %d", &a, &b);
        adj[a].push_back(b);
        radj[b].push_back(a);
    }
    vector<int> order;
    vector<char> seen(n + 1, 0);
    for (int s = 1; s <= n; s++) {
        if (seen[s]) continue;
        vector<pair<int, size_t>> st{{s, 0}};
        seen[s] = 1;
        while (!st.empty()) {
            auto &[v, i] = st.back();
            if (i < adj[v].size()) {
                int w = adj[v][i++];
                if (!seen[w]) seen[w] = 1, st.push_back({w, 0});
            } else {
                order.push_back(v);
                st.pop_back();
            }
        }
    }
    vector<int> comp(n + 1, -1);
    int nc = 0;
    for (int k = n - 1; k >= 0; k--) {
        int s = order[k];
        if (comp[s] >= 0) continue;
        vector<int> st{s};
        comp[s] = nc;
        while (!st.empty()) {
            int v = st.back();
            st.pop_back();
            for (int w : radj[v])
                if (comp[w] < 0) comp[w] = nc, st.push_back(w);
        }
        nc++;
    }
    // components are numbered in topological order of the condensation
    vector<ll> sum(nc, 0), best(nc, 0);
    for (int v = 1; v <= n; v++) sum[comp[v]] += g[v];
    vector<vector<int>> members(nc);
    for (int v = 1; v <= n; v++) members[comp[v]].push_back(v);
    for (int c = nc - 1; c >= 0; c--) {
        ll extra = 0;
        for (int v : members[c])
            for (int w : adj[v])
                if (comp[w] != c) extra = max(extra, best[comp[w]]);
        best[c] = sum[c] + extra;
    }
    printf("%lld\n", best[comp[1]]);
}

#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

int main() {
    int n;
    scanf("%d", &n);
    vector<ll> c(n + 1);
    for (int i = 1; i <= n; i++) scanf("%lld", &c[i]);
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
    const ll INF = LLONG_MAX / 4;
    // dp[v][0]: tower at v; dp[v][1]: watched by a child; dp[v][2]: watched by the parent
    vector<array<ll, 3>> dp(n + 1);
    for (int i = n - 1; i >= 0; i--) {
        int v = order[i];
        ll t = c[v], s = 0, force = INF, w = 0;
        for (int u : adj[v]) {
            if (u == par[v]) continue;
            ll b = min(dp[u][0], dp[u][1]);
            t += min(b, dp[u][2]);
            s += b;
            force = min(force, dp[u][0] - b);
            w = min(INF, w + dp[u][1]);  // a leaf child cannot be watched by its own children
        }
        dp[v] = {t, min(INF, s + force), min(INF, w)};
    }
    printf("%lld\n", min(dp[1][0], dp[1][1]));
}

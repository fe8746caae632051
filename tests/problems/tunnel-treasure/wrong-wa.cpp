// Wrong: treats the tunnels as if they formed no loops and takes the heaviest
// path with a memoised DFS; around a loop it reuses half-finished values and
// cannot collect a whole loop of caves.
#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

int n, m;
vector<ll> g, memo;
vector<vector<int>> adj;
vector<char> state;

ll best(int v) {
    if (state[v]) return memo[v];  // finished, or still on the DFS path
    state[v] = 1;
    ll extra = 0;
    for (int w : adj[v]) extra = max(extra, best(w));
    return memo[v] = g[v] + extra;
}

int main() {
    scanf("%d %d", &n, &m);
    g.assign(n + 1, 0);
    memo.assign(n + 1, 0);
    state.assign(n + 1, 0);
    adj.assign(n + 1, {});
    for (int i = 1; i <= n; i++) scanf("%lld", &g[i]);
    for (int j = 0; j < m; j++) {
        int a, b;
        scanf("%d %d", &a, &b);
        adj[a].push_back(b);
    }
    printf("%lld\n", best(1));
}

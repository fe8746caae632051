#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

int main() {
    int n;
    ll x0, y0;
    scanf("%d %lld %lld", &n, &x0, &y0);
    vector<ll> x(n), y(n), t(n);
    for (int i = 0; i < n; i++) scanf("%lld %lld %lld", &x[i], &y[i], &t[i]);
    auto d = [&](int i, int j) { return llabs(x[i] - x[j]) + llabs(y[i] - y[j]); };
    auto home = [&](int i) { return llabs(x[i] - x0) + llabs(y[i] - y0); };
    const ll INF = LLONG_MAX / 4;
    int full = (1 << n) - 1;
    vector<vector<ll>> dp(1 << n, vector<ll>(n, INF));
    for (int i = 0; i < n; i++)
        if (home(i) <= t[i]) dp[1 << i][i] = home(i);
    for (int mask = 1; mask <= full; mask++)
        for (int i = 0; i < n; i++) {
            if (dp[mask][i] >= INF) continue;
            for (int j = 0; j < n; j++) {
                if (mask >> j & 1) continue;
                ll a = dp[mask][i] + d(i, j);
                if (a <= t[j] && a < dp[mask | 1 << j][j]) dp[mask | 1 << j][j] = a;
            }
        }
    ll best = INF;
    for (int i = 0; i < n; i++)
        if (dp[full][i] < INF) best = min(best, dp[full][i] + home(i));
    printf("%lld\n", best >= INF ? -1LL : best);
}

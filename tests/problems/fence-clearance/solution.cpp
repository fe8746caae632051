#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

int main() {
    int n;
    ll d;
    scanf("%d %lld", &n, &d);
    vector<pair<ll, ll>> p(n);
    for (auto &q : p) scanf("%lld %lld", &q.first, &q.second);
    sort(p.begin(), p.end());
    p.erase(unique(p.begin(), p.end()), p.end());
    auto cross = [](pair<ll, ll> o, pair<ll, ll> a, pair<ll, ll> b) {
        return (a.first - o.first) * (b.second - o.second) - (a.second - o.second) * (b.first - o.first);
    };
    int m = p.size();
    vector<pair<ll, ll>> h(2 * m + 1);
    int k = 0;
    for (int i = 0; i < m; i++) {  // lower hull
        while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) k--;
        h[k++] = p[i];
    }
    for (int i = m - 2, t = k + 1; i >= 0; i--) {  // upper hull
        while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0) k--;
        h[k++] = p[i];
    }
    // h[0..k-1] is closed (h[k-1] == h[0]) when m >= 2
    long double per = 0;
    for (int i = 0; i + 1 < k; i++)
        per += hypotl((long double)(h[i + 1].first - h[i].first), (long double)(h[i + 1].second - h[i].second));
    per += 2 * acosl(-1.0L) * d;
    printf("%.9Lf\n", per);
}

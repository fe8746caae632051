// Correct but far too slow: tries every order of the patients, O(n! * n).
#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

int main() {
    int n;
    ll x0, y0;
    scanf("%d %lld %lld", &n, &x0, &y0);
    vector<ll> x(n), y(n), t(n);
    for (int i = 0; i < n; i++) scanf("%lld %lld %lld", &x[i], &y[i], &t[i]);
    vector<int> order(n);
    iota(order.begin(), order.end(), 0);
    ll best = -1;
    do {
        ll now = 0, cx = x0, cy = y0;
        bool ok = true;
        for (int i : order) {
            now += llabs(cx - x[i]) + llabs(cy - y[i]);
            cx = x[i], cy = y[i];
            if (now > t[i]) ok = false;
        }
        now += llabs(cx - x0) + llabs(cy - y0);
        if (ok && (best < 0 || now < best)) best = now;
    } while (next_permutation(order.begin(), order.end()));
    printf("%lld\n", best);
}

#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    vector<pair<long long, int>> ev;
    for (int i = 0; i < n; i++) {
        long long l, r;
        scanf("%lld %lld", &l, &r);
        ev.push_back({l, +1});
        ev.push_back({r + 1, -1});
    }
    sort(ev.begin(), ev.end());
    long long best = 0, count = 0, cur = 0;
    for (size_t i = 0; i < ev.size();) {
        long long x = ev[i].first;
        while (i < ev.size() && ev[i].first == x) cur += ev[i++].second;
        if (i == ev.size()) break;
        long long len = ev[i].first - x;
        if (cur > best) best = cur, count = len;
        else if (cur == best) count += len;
    }
    printf("%lld %lld\n", best, count);
}

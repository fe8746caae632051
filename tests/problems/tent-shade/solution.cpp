#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, theta;
    scanf("%d %d", &n, &theta);
    double t = tan(theta * M_PI / 180.0);
    vector<pair<double, double>> s(n);
    for (auto &p : s) {
        long long x, h;
        scanf("%lld %lld", &x, &h);
        p = {(double)x, x + h / t};
    }
    sort(s.begin(), s.end());
    double total = 0, l = s[0].first, r = s[0].second;
    for (int i = 1; i < n; i++) {
        if (s[i].first > r) {
            total += r - l;
            l = s[i].first;
            r = s[i].second;
        } else {
            r = max(r, s[i].second);
        }
    }
    total += r - l;
    printf("%.6f\n", total);
}

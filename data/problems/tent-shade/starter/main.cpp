#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, theta;
    cin >> n >> theta;
    vector<long long> x(n), h(n);
    for (int i = 0; i < n; i++) cin >> x[i] >> h[i];
    // TODO: compute the shaded length
    cout << fixed << setprecision(6) << 0.0 << "\n";
    return 0;
}

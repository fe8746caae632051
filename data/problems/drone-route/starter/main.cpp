#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    long long x0, y0;
    cin >> n >> x0 >> y0;
    vector<long long> x(n), y(n), t(n);
    for (int i = 0; i < n; i++) cin >> x[i] >> y[i] >> t[i];
    // TODO: plan the deliveries
    cout << -1 << "\n";
    return 0;
}

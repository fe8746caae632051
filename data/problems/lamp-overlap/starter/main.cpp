#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<long long> l(n), r(n);
    for (int i = 0; i < n; i++) cin >> l[i] >> r[i];
    // TODO: find the brightest house numbers
    cout << 0 << " " << 0 << "\n";
    return 0;
}

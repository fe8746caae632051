#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    long long b;
    cin >> n >> b;
    vector<long long> s(n), e(n), p(n);
    for (int i = 0; i < n; i++) cin >> s[i] >> e[i] >> p[i];
    // TODO: choose the best set of offers
    cout << 0 << "\n";
    return 0;
}

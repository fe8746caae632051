#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<long long> t(n), s(n), p(n);
    for (int i = 0; i < n; i++) cin >> t[i] >> s[i] >> p[i];
    // TODO: simulate the queue
    for (int i = 0; i < n; i++) cout << (i ? " " : "") << -1;
    cout << "\n" << 0 << "\n";
    return 0;
}

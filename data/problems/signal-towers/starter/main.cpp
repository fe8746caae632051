#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<long long> h(n);
    for (auto &x : h) cin >> x;
    // TODO: count the towers reached by every beam
    for (int i = 0; i < n; i++) cout << (i ? " " : "") << 0;
    cout << "\n";
    return 0;
}

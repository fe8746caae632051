#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    long long k;
    cin >> n >> k;
    vector<long long> w(n);
    for (auto &x : w) cin >> x;
    // TODO: count the pairs that fit
    cout << 0 << "\n";
    return 0;
}

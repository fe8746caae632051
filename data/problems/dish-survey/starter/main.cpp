#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    vector<long long> a(n);
    for (auto &x : a) cin >> x;
    // TODO: count the dishes and find the most popular one
    cout << 0 << "\n" << 0 << "\n" << 0 << " " << 0 << "\n";
    return 0;
}

#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    vector<array<int, 4>> cables(m);
    for (auto &e : cables) cin >> e[0] >> e[1] >> e[2] >> e[3];
    // TODO: choose the cheapest set of proposed cables
    cout << -1 << "\n";
    return 0;
}

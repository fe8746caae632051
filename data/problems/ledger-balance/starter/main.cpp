#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, q;
    cin >> n >> q;
    vector<long long> c(n + 1);
    for (int i = 1; i <= n; i++) cin >> c[i];
    while (q--) {
        int l, r;
        long long s;
        cin >> l >> r >> s;
        // TODO: answer the question
        cout << 0 << "\n";
    }
    return 0;
}

#include <bits/stdc++.h>
using namespace std;

const unsigned long long MOD = 1000000007ULL;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int t;
    cin >> t;
    while (t--) {
        unsigned long long a, b;
        cin >> a >> b;
        // TODO: compute the varnish needed for steps a..b modulo MOD
        cout << 0 << "\n";
    }
    return 0;
}

#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int q;
    cin >> q;
    while (q--) {
        string op;
        cin >> op;
        if (op == "#") {
            long long a, b;
            cin >> a >> b;
            // TODO: count the crates weighing between a and b
            cout << 0 << "\n";
        } else {
            long long x;
            cin >> x;
            if (op == "?") {
                // TODO: the weight of the x-th lightest crate
                cout << -1 << "\n";
            }
            // TODO: '+' and '-' change the shelf
        }
    }
    return 0;
}

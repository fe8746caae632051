#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    cin >> n;
    vector<int> d(n + 1);
    for (int i = 1; i <= n; i++) cin >> d[i];
    // TODO: follow the lantern and print the number of passes, LOST or FOREVER
    cout << 0 << "\n";
    return 0;
}

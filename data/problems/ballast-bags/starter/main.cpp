#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    long long lo, hi;
    cin >> n >> lo >> hi;
    vector<long long> w(n);
    for (auto &x : w) cin >> x;
    // TODO: count the subsets whose weight is between lo and hi
    cout << 0 << "\n";
    return 0;
}

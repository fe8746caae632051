#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    string s;
    cin >> n >> s;
    // TODO: count the balanced stretches
    cout << 0 << "\n";
    return 0;
}

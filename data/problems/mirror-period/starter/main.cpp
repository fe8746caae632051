#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, k;
    string s;
    cin >> n >> k >> s;
    // TODO: find the cheapest palindromic k-periodic pattern
    cout << 0 << "\n" << s << "\n";
    return 0;
}

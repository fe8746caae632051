#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    string s;
    cin >> n >> s;
    // TODO: find the longest fragment that occurs twice
    cout << 0 << "\n";
    return 0;
}

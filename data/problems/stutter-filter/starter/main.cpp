#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<string> words(n);
    for (auto &w : words) cin >> w;
    // TODO: remove the stutters
    cout << 0 << "\n";
    for (int i = 0; i < n; i++) cout << (i ? " " : "") << words[i];
    cout << "\n";
    return 0;
}

#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    string w, prev = "", low;
    vector<string> kept;
    for (int i = 0; i < n; i++) {
        cin >> w;
        low = w;
        for (char &ch : low) ch = tolower((unsigned char)ch);
        if (i == 0 || low != prev) kept.push_back(w);
        prev = low;
    }
    cout << n - (int)kept.size() << "\n";
    for (size_t i = 0; i < kept.size(); i++) {
        if (i) cout << ' ';
        cout << kept[i];
    }
    cout << "\n";
}

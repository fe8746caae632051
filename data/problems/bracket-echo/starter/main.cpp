#include <bits/stdc++.h>
using namespace std;

int main() {
    string s;
    cin >> s;
    // TODO: find the first bracket that is out of place
    cout << "OK" << "\n";
    return 0;
}

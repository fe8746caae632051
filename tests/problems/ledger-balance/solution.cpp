#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, q;
    scanf("%d %d", &n, &q);
    vector<long long> prefix(n + 1, 0);
    for (int i = 1; i <= n; i++) {
        long long c;
        scanf("%lld", &c);
        prefix[i] = prefix[i - 1] + c;
    }
    string out;
    while (q--) {
        int l, r;
        long long s;
        scanf("%d %d %lld", &l, &r, &s);
        out += to_string(s + prefix[r] - prefix[l - 1]);
        out += '\n';
    }
    fputs(out.c_str(), stdout);
}

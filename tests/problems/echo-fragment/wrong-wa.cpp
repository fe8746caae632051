// Wrong: finds the right length, but among the longest echoes it reports the
// alphabetically smallest one instead of the one that occurs first.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    static char buf[50005];
    scanf("%d %50004s", &n, buf);
    string s(buf);
    vector<int> sa(n), rk(n), tmp(n);
    for (int i = 0; i < n; i++) sa[i] = i, rk[i] = s[i];
    for (int k = 1;; k <<= 1) {
        auto key = [&](int i) { return make_pair(rk[i], i + k < n ? rk[i + k] : -1); };
        sort(sa.begin(), sa.end(), [&](int a, int b) { return key(a) < key(b); });
        tmp[sa[0]] = 0;
        for (int i = 1; i < n; i++) tmp[sa[i]] = tmp[sa[i - 1]] + (key(sa[i - 1]) < key(sa[i]));
        rk = tmp;
        if (rk[sa[n - 1]] == n - 1) break;
    }
    int best = 0, at = 0;
    for (int r = 0; r + 1 < n; r++) {
        int i = sa[r], j = sa[r + 1], h = 0;
        while (i + h < n && j + h < n && s[i + h] == s[j + h]) h++;
        if (h > best) best = h, at = i;  // first pair in suffix-array order
    }
    if (best == 0) puts("0");
    else printf("%d\n%s\n", best, s.substr(at, best).c_str());
}

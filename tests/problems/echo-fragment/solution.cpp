#include <bits/stdc++.h>
using namespace std;

// Suffix array by prefix doubling, then Kasai's LCP array. The longest echo
// has length max LCP; a fragment of that length occurring twice shows up as
// an adjacent pair in the suffix array with that LCP, and its earliest
// occurrence is the smallest start over all such pairs.
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
    vector<int> lcp(n, 0);  // lcp[r] between sa[r] and sa[r+1]
    for (int i = 0, h = 0; i < n; i++) {
        if (rk[i] == n - 1) {
            h = 0;
            continue;
        }
        int j = sa[rk[i] + 1];
        while (i + h < n && j + h < n && s[i + h] == s[j + h]) h++;
        lcp[rk[i]] = h;
        if (h) h--;
    }
    int L = n > 1 ? *max_element(lcp.begin(), lcp.end() - 1) : 0;
    if (L == 0) {
        puts("0");
        return 0;
    }
    int start = n;
    for (int r = 0; r + 1 < n; r++)
        if (lcp[r] == L) start = min({start, sa[r], sa[r + 1]});
    printf("%d\n%s\n", L, s.substr(start, L).c_str());
}

#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, k;
    scanf("%d %d", &n, &k);
    vector<char> buf(n + 2);
    scanf("%s", buf.data());
    // union-find over positions: i ~ i+k and i ~ n-1-i
    vector<int> par(n);
    iota(par.begin(), par.end(), 0);
    function<int(int)> find = [&](int x) {
        while (par[x] != x) x = par[x] = par[par[x]];
        return x;
    };
    auto unite = [&](int a, int b) { par[find(a)] = find(b); };
    for (int i = 0; i + k < n; i++) unite(i, i + k);
    for (int i = 0; i < n / 2; i++) unite(i, n - 1 - i);
    vector<array<int, 26>> cnt(n);
    for (int i = 0; i < n; i++) cnt[find(i)][buf[i] - 'a']++;
    vector<char> pick(n, 0);
    long long changes = 0;
    for (int i = 0; i < n; i++)
        if (find(i) == i) {
            int best = 0, total = 0;
            for (int c = 0; c < 26; c++) {
                total += cnt[i][c];
                if (cnt[i][c] > cnt[i][best]) best = c;
            }
            changes += total - cnt[i][best];
            pick[i] = 'a' + best;
        }
    string out(n, ' ');
    for (int i = 0; i < n; i++) out[i] = pick[find(i)];
    printf("%lld\n%s\n", changes, out.c_str());
}

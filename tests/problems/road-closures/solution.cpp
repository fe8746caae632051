#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, m, q;
    scanf("%d %d", &n, &m);
    vector<int> u(m), v(m);
    for (int j = 0; j < m; j++) scanf("%d %d", &u[j], &v[j]);
    scanf("%d", &q);
    vector<int> e(q);
    vector<char> closed(m, 0);
    for (auto &x : e) {
        scanf("%d", &x);
        closed[--x] = 1;
    }
    vector<int> par(n + 1), sz(n + 1, 1);
    iota(par.begin(), par.end(), 0);
    auto find = [&](int x) {
        while (par[x] != x) x = par[x] = par[par[x]];
        return x;
    };
    int groups = n;
    auto join = [&](int j) {
        int a = find(u[j]), b = find(v[j]);
        if (a == b) return;
        if (sz[a] < sz[b]) swap(a, b);
        par[b] = a;
        sz[a] += sz[b];
        groups--;
    };
    for (int j = 0; j < m; j++)
        if (!closed[j]) join(j);
    vector<int> ans(q);
    for (int i = q - 1; i >= 0; i--) {
        ans[i] = groups;
        join(e[i]);
    }
    for (int a : ans) printf("%d\n", a);
}

#include <bits/stdc++.h>
using namespace std;

vector<int> par, sz;
int find(int x) {
    while (par[x] != x) x = par[x] = par[par[x]];
    return x;
}
bool unite(int a, int b) {
    a = find(a), b = find(b);
    if (a == b) return false;
    if (sz[a] < sz[b]) swap(a, b);
    par[b] = a;
    sz[a] += sz[b];
    return true;
}

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    par.resize(n + 1);
    sz.assign(n + 1, 1);
    iota(par.begin(), par.end(), 0);
    int comps = n;
    vector<array<int, 3>> prop;
    for (int j = 0; j < m; j++) {
        int u, v, c, f;
        scanf("%d %d %d %d", &u, &v, &c, &f);
        if (f) comps -= unite(u, v);
        else prop.push_back({c, u, v});
    }
    sort(prop.begin(), prop.end());
    long long total = 0;
    int cnt = 0;
    for (auto &e : prop)
        if (unite(e[1], e[2])) {
            comps--;
            total += e[0];
            cnt++;
        }
    if (comps == 1) printf("%lld %d\n", total, cnt);
    else puts("-1");
}

// Wrong: sums the costs in a 32-bit int, which overflows on big campuses.
#include <bits/stdc++.h>
using namespace std;

vector<int> par;
int find(int x) { return par[x] == x ? x : par[x] = find(par[x]); }

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    par.resize(n + 1);
    iota(par.begin(), par.end(), 0);
    int comps = n;
    vector<array<int, 3>> prop;
    for (int j = 0; j < m; j++) {
        int u, v, c, f;
        scanf("%d %d %d %d", &u, &v, &c, &f);
        if (f) {
            int a = find(u), b = find(v);
            if (a != b) par[a] = b, comps--;
        } else prop.push_back({c, u, v});
    }
    sort(prop.begin(), prop.end());
    int total = 0, cnt = 0;
    for (auto &e : prop) {
        int a = find(e[1]), b = find(e[2]);
        if (a != b) par[a] = b, comps--, total += e[0], cnt++;
    }
    if (comps == 1) printf("%d %d\n", total, cnt);
    else puts("-1");
}

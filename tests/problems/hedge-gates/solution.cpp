#include <bits/stdc++.h>
using namespace std;

int main() {
    int r, c;
    scanf("%d %d", &r, &c);
    vector<string> g(r);
    static char buf[600];
    for (auto &row : g) {
        scanf("%s", buf);
        row = buf;
    }
    vector<int> dist(r * c, -1);
    vector<vector<int>> gates(26);
    int start = -1, goal = -1;
    for (int i = 0; i < r; i++)
        for (int j = 0; j < c; j++) {
            char ch = g[i][j];
            if (ch == 'S') start = i * c + j;
            if (ch == 'G') goal = i * c + j;
            if (ch >= 'a' && ch <= 'z') gates[ch - 'a'].push_back(i * c + j);
        }
    queue<int> q;
    dist[start] = 0;
    q.push(start);
    const int dr[4] = {-1, 1, 0, 0}, dc[4] = {0, 0, -1, 1};
    while (!q.empty()) {
        int p = q.front();
        q.pop();
        int i = p / c, j = p % c;
        auto visit = [&](int nxt) {
            if (dist[nxt] < 0) {
                dist[nxt] = dist[p] + 1;
                q.push(nxt);
            }
        };
        for (int k = 0; k < 4; k++) {
            int ni = i + dr[k], nj = j + dc[k];
            if (ni < 0 || nj < 0 || ni >= r || nj >= c || g[ni][nj] == '#') continue;
            visit(ni * c + nj);
        }
        char ch = g[i][j];
        if (ch >= 'a' && ch <= 'z') {
            auto &v = gates[ch - 'a'];
            visit(v[0] == p ? v[1] : v[0]);
        }
    }
    printf("%d\n", dist[goal]);
}

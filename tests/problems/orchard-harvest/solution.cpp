#include <bits/stdc++.h>
using namespace std;
const long long MOD = 1000000007LL;

int main() {
    int r, c;
    scanf("%d %d", &r, &c);
    vector<string> g(r);
    vector<char> buf(c + 2);
    for (auto &row : g) {
        scanf("%s", buf.data());
        row = buf.data();
    }
    vector<vector<int>> best(r, vector<int>(c, -1));
    vector<vector<long long>> ways(r, vector<long long>(c, 0));
    for (int i = 0; i < r; i++)
        for (int j = 0; j < c; j++) {
            if (g[i][j] == '#') continue;
            int a = g[i][j] - '0';
            if (i == 0 && j == 0) {
                best[i][j] = a;
                ways[i][j] = 1;
                continue;
            }
            int b = -1;
            long long w = 0;
            if (i > 0 && best[i - 1][j] >= 0) b = best[i - 1][j], w = ways[i - 1][j];
            if (j > 0 && best[i][j - 1] >= 0) {
                if (best[i][j - 1] > b) b = best[i][j - 1], w = ways[i][j - 1];
                else if (best[i][j - 1] == b) w = (w + ways[i][j - 1]) % MOD;
            }
            if (b >= 0) best[i][j] = b + a, ways[i][j] = w;
        }
    if (best[r - 1][c - 1] < 0) puts("-1");
    else printf("%d %lld\n", best[r - 1][c - 1], ways[r - 1][c - 1]);
}

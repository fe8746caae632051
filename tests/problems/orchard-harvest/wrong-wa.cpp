// Wrong: counts routes in unsigned 64-bit without reducing modulo 1e9+7
// along the way; the count silently wraps around on big open orchards.
#include <bits/stdc++.h>
using namespace std;

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
    vector<vector<unsigned long long>> ways(r, vector<unsigned long long>(c, 0));
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
            unsigned long long w = 0;
            if (i > 0 && best[i - 1][j] >= 0) b = best[i - 1][j], w = ways[i - 1][j];
            if (j > 0 && best[i][j - 1] >= 0) {
                if (best[i][j - 1] > b) b = best[i][j - 1], w = ways[i][j - 1];
                else if (best[i][j - 1] == b) w += ways[i][j - 1];
            }
            if (b >= 0) best[i][j] = b + a, ways[i][j] = w;
        }
    if (best[r - 1][c - 1] < 0) puts("-1");
    else printf("%d %llu\n", best[r - 1][c - 1], ways[r - 1][c - 1] % 1000000007ULL);
}

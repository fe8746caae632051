// Too much memory: first tallies identical answers in a table indexed by the
// answer itself, 2^m counters (4 GiB when m = 30).
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    vector<int> same(size_t(1) << m, 0);
    for (int i = 0; i < n; i++) {
        long long a;
        scanf("%lld", &a);
        same[a]++;
    }
    vector<long long> cnt(m, 0);
    for (size_t v = 0; v < same.size(); v++)
        if (same[v])
            for (int j = 0; j < m; j++)
                if (v >> j & 1) cnt[j] += same[v];
    int everyone = 0, nobody = 0, best = 0;
    for (int j = 0; j < m; j++) {
        if (cnt[j] == n) everyone++;
        if (cnt[j] == 0) nobody++;
        if (cnt[j] > cnt[best]) best = j;
    }
    printf("%d\n%d\n%d %lld\n", everyone, nobody, best, cnt[best]);
}

#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    vector<int> cnt(m, 0);
    for (int i = 0; i < n; i++) {
        long long a;
        scanf("%lld", &a);
        for (int j = 0; j < m; j++)
            if (a >> j & 1) cnt[j]++;
    }
    int everyone = 0, nobody = 0, best = 0;
    for (int j = 0; j < m; j++) {
        if (cnt[j] == n) everyone++;
        if (cnt[j] == 0) nobody++;
        if (cnt[j] > cnt[best]) best = j;
    }
    printf("%d\n%d\n%d %d\n", everyone, nobody, best, cnt[best]);
}

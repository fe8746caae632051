// Too much memory: a difference array over every house number up to 10^9
// (4 GB of ints). Correct, but far beyond the memory limit.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    vector<pair<int, int>> lamps(n);
    int top = 0;
    for (auto &[l, r] : lamps) {
        scanf("%d %d", &l, &r);
        top = max(top, r);
    }
    vector<int> diff(1000000002, 0);
    for (auto &[l, r] : lamps) diff[l]++, diff[r + 1]--;
    long long best = 0, count = 0, cur = 0;
    for (int x = 1; x <= top; x++) {
        cur += diff[x];
        if (cur > best) best = cur, count = 1;
        else if (cur == best) count++;
    }
    printf("%lld %lld\n", best, count);
}

// Wrong: forgets that the lantern can leave the wall; reads d.at(pos) with
// pos out of range, which throws std::out_of_range and aborts.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    vector<long long> d(n + 1);
    for (int i = 1; i <= n; i++) scanf("%lld", &d[i]);
    vector<char> seen(n + 1, 0);
    long long pos = 1, passes = 0;
    while (pos != n) {
        if (seen.at(pos)) { puts("FOREVER"); return 0; }
        seen.at(pos) = 1;
        pos += d.at(pos);
        passes++;
    }
    printf("%lld\n", passes);
}

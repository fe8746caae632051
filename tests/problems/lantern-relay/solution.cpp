#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    vector<long long> d(n + 1);
    for (int i = 1; i <= n; i++) scanf("%lld", &d[i]);
    vector<char> seen(n + 1, 0);
    long long pos = 1, passes = 0;
    while (pos != n) {
        if (seen[pos]) { puts("FOREVER"); return 0; }
        seen[pos] = 1;
        pos += d[pos];
        passes++;
        if (pos < 1 || pos > n) { puts("LOST"); return 0; }
    }
    printf("%lld\n", passes);
}

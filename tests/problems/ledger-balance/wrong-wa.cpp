// Wrong: keeps the prefix sums in 32-bit ints, which overflow on long
// stretches of large changes.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, q;
    scanf("%d %d", &n, &q);
    vector<int> prefix(n + 1, 0);
    for (int i = 1; i <= n; i++) {
        int c;
        scanf("%d", &c);
        prefix[i] = prefix[i - 1] + c;
    }
    while (q--) {
        int l, r, s;
        scanf("%d %d %d", &l, &r, &s);
        printf("%lld\n", (long long)s + prefix[r] - prefix[l - 1]);
    }
}

// Wrong: 32-bit ints for the weights' sum and for the count; both overflow.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, k;
    long long kk;
    scanf("%d %lld", &n, &kk);
    k = (int)min(kk, (long long)INT_MAX);
    vector<int> w(n);
    for (auto &x : w) scanf("%d", &x);
    sort(w.begin(), w.end());
    int count = 0, j = n - 1;
    for (int i = 0; i < n; i++) {
        while (j > i && w[i] + w[j] > k) j--;
        if (j <= i) break;
        count += j - i;
    }
    printf("%d\n", count);
}

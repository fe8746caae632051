#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    static char buf[200005];
    scanf("%200004s", buf);
    // encode (S - R, R - C) as one 64-bit key; both lie in [-n, n]
    vector<long long> keys;
    keys.reserve(n + 1);
    long long a = 0, b = 0;
    const long long OFF = 300000, W = 1000000;
    keys.push_back(OFF * W + OFF);
    for (int i = 0; i < n; i++) {
        char ch = buf[i];
        if (ch == 'S') a++;
        else if (ch == 'R') a--, b++;
        else b--;
        keys.push_back((a + OFF) * W + (b + OFF));
    }
    sort(keys.begin(), keys.end());
    long long total = 0;
    for (size_t i = 0, j; i < keys.size(); i = j) {
        for (j = i; j < keys.size() && keys[j] == keys[i]; j++) {}
        long long c = j - i;
        total += c * (c - 1) / 2;
    }
    printf("%lld\n", total);
}

#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    long long fr = 0;
    int served = 0;
    string out;
    for (int i = 0; i < n; i++) {
        long long t, s, p;
        scanf("%lld %lld %lld", &t, &s, &p);
        long long start = max(t, fr);
        if (i) out += ' ';
        if (start - t > p) {
            out += "-1";
        } else {
            fr = start + s;
            served++;
            out += to_string(fr);
        }
    }
    printf("%s\n%d\n", out.c_str(), served);
}

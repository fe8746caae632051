// Wrong: counts with a 32-bit int, which overflows on long, very balanced records.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    static char buf[200005];
    scanf("%200004s", buf);
    map<pair<int, int>, int> seen;
    seen[{0, 0}] = 1;
    int a = 0, b = 0, total = 0;
    for (int i = 0; i < n; i++) {
        char ch = buf[i];
        if (ch == 'S') a++;
        else if (ch == 'R') a--, b++;
        else b--;
        total += seen[{a, b}]++;
    }
    printf("%d\n", total);
}

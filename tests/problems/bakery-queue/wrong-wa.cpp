// Wrong: keeps times in 32-bit ints; a long busy morning overflows them.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    int fr = 0, served = 0;
    for (int i = 0; i < n; i++) {
        int t, s, p;
        scanf("%d %d %d", &t, &s, &p);
        int start = max(t, fr);
        if (i) printf(" ");
        if (start - t > p) {
            printf("-1");
        } else {
            fr = start + s;
            served++;
            printf("%d", fr);
        }
    }
    printf("\n%d\n", served);
}

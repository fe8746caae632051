// Too much memory: a Fenwick tree indexed directly by weight, with a slot for
// every weight up to 10^9 (4 GB), instead of compressing the weights.
#include <bits/stdc++.h>
using namespace std;

const int TOP = 1000000000;
vector<int> fen;

void add(int i, int d) {
    for (; i <= TOP; i += i & -i) fen[i] += d;
}
int prefix(int i) {
    int s = 0;
    for (; i > 0; i -= i & -i) s += fen[i];
    return s;
}

int main() {
    fen.assign(TOP + 1, 0);
    int q, total = 0;
    scanf("%d", &q);
    char op[4];
    while (q--) {
        scanf("%3s", op);
        if (op[0] == '#') {
            int a, b;
            scanf("%d %d", &a, &b);
            printf("%d\n", prefix(b) - prefix(a - 1));
            continue;
        }
        int x;
        scanf("%d", &x);
        if (op[0] == '+') add(x, 1), total++;
        else if (op[0] == '-') add(x, -1), total--;
        else if (x > total) puts("-1");
        else {
            int i = 0, rest = x;
            for (int step = 1 << 29; step; step >>= 1)
                if (i + step <= TOP && fen[i + step] < rest) i += step, rest -= fen[i];
            printf("%d\n", i + 1);
        }
    }
}

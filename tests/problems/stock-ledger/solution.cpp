#include <bits/stdc++.h>
using namespace std;

// Order-statistics with a segment tree over the compressed weights.
int main() {
    int q;
    scanf("%d", &q);
    vector<array<long long, 3>> ev(q);
    vector<long long> vals;
    char op[4];
    for (auto &e : ev) {
        scanf("%3s", op);
        e[0] = op[0];
        if (op[0] == '#') {
            scanf("%lld %lld", &e[1], &e[2]);
            vals.push_back(e[1]);
            vals.push_back(e[2]);
        } else {
            scanf("%lld", &e[1]);
            if (op[0] != '?') vals.push_back(e[1]);
        }
    }
    sort(vals.begin(), vals.end());
    vals.erase(unique(vals.begin(), vals.end()), vals.end());
    int n = max<int>(1, vals.size()), sz = 1;
    while (sz < n) sz *= 2;
    vector<int> seg(2 * sz, 0);
    auto id = [&](long long v) { return int(lower_bound(vals.begin(), vals.end(), v) - vals.begin()); };
    auto update = [&](int i, int d) {
        for (i += sz; i; i >>= 1) seg[i] += d;
    };
    auto count = [&](int l, int r) {  // [l, r)
        int s = 0;
        for (l += sz, r += sz; l < r; l >>= 1, r >>= 1) {
            if (l & 1) s += seg[l++];
            if (r & 1) s += seg[--r];
        }
        return s;
    };
    string out;
    for (auto &e : ev) {
        if (e[0] == '+') update(id(e[1]), 1);
        else if (e[0] == '-') update(id(e[1]), -1);
        else if (e[0] == '?') {
            long long k = e[1];
            if (k > seg[1]) {
                out += "-1\n";
                continue;
            }
            int node = 1;
            while (node < sz) {
                if (seg[2 * node] >= k) node = 2 * node;
                else k -= seg[2 * node], node = 2 * node + 1;
            }
            out += to_string(vals[node - sz]) + "\n";
        } else {
            out += to_string(count(id(e[1]), id(e[2]) + 1)) + "\n";
        }
    }
    fputs(out.c_str(), stdout);
}

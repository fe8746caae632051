#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    vector<long long> h(n);
    for (auto &x : h) scanf("%lld", &x);
    // scan from the east, keeping candidate blockers on a stack
    vector<int> ans(n), st;
    for (int i = n - 1; i >= 0; i--) {
        while (!st.empty() && h[st.back()] < h[i]) st.pop_back();
        ans[i] = st.empty() ? n - 1 - i : st.back() - i;
        st.push_back(i);
    }
    for (int i = 0; i < n; i++) printf("%d%c", ans[i], i + 1 < n ? ' ' : '\n');
}

#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

vector<ll> sums(const vector<ll> &w) {
    vector<ll> s{0};
    for (ll x : w) {
        size_t k = s.size();
        for (size_t i = 0; i < k; i++) s.push_back(s[i] + x);
    }
    sort(s.begin(), s.end());
    return s;
}

// number of pairs (a in A, b in B) with a + b <= limit, both sorted
ll at_most(const vector<ll> &A, const vector<ll> &B, ll limit) {
    if (limit < 0) return 0;
    ll count = 0;
    size_t j = B.size();
    for (ll a : A) {
        while (j > 0 && a + B[j - 1] > limit) j--;
        count += j;
    }
    return count;
}

int main() {
    int n;
    ll L, R;
    scanf("%d %lld %lld", &n, &L, &R);
    vector<ll> w(n);
    for (auto &x : w) scanf("%lld", &x);
    vector<ll> A = sums(vector<ll>(w.begin(), w.begin() + n / 2));
    vector<ll> B = sums(vector<ll>(w.begin() + n / 2, w.end()));
    printf("%lld\n", at_most(A, B, R) - at_most(A, B, L - 1));
}

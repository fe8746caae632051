// Wrong: when brackets stay unclosed it reports the most recent one (the top
// of the pile) instead of the leftmost one.
#include <bits/stdc++.h>
using namespace std;

int main() {
    static char buf[200005];
    scanf("%200004s", buf);
    string s(buf);
    string open = "([{<", close = ")]}>";
    vector<int> pile;
    for (int i = 0; i < (int)s.size(); i++) {
        size_t k = close.find(s[i]);
        if (k != string::npos) {
            if (pile.empty() || s[pile.back()] != open[k]) {
                printf("%d\n", i + 1);
                return 0;
            }
            pile.pop_back();
        } else {
            pile.push_back(i);
        }
    }
    if (pile.empty()) puts("OK");
    else printf("%d\n", pile.back() + 1);
}

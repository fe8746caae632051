#include <bits/stdc++.h>
using namespace std;

int main() {
    static char buf[200005];
    if (scanf("%200004s", buf) != 1) return 0;
    string s(buf);
    auto opener = [](char c) {
        switch (c) {
            case ')': return '(';
            case ']': return '[';
            case '}': return '{';
            case '>': return '<';
        }
        return '\0';
    };
    vector<int> pile;
    for (int i = 0; i < (int)s.size(); i++) {
        char o = opener(s[i]);
        if (o) {
            if (pile.empty() || s[pile.back()] != o) {
                printf("%d\n", i + 1);
                return 0;
            }
            pile.pop_back();
        } else {
            pile.push_back(i);
        }
    }
    if (pile.empty()) puts("OK");
    else printf("%d\n", pile[0] + 1);
}

#include <stdio.h>
#include <string.h>

static char s[200005];

int main(void) {
    int n;
    if (scanf("%d %200004s", &n, s) != 2) return 0;
    /* TODO: count the balanced stretches */
    printf("%d\n", 0);
    return 0;
}

#include <stdio.h>
#include <string.h>

static char s[50005];

int main(void) {
    int n;
    if (scanf("%d %50004s", &n, s) != 2) return 0;
    /* TODO: find the longest fragment that occurs twice */
    printf("%d\n", 0);
    return 0;
}

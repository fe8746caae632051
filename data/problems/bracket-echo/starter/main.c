#include <stdio.h>
#include <string.h>

static char s[200005];

int main(void) {
    if (scanf("%200004s", s) != 1) return 0;
    int n = (int)strlen(s);
    (void)n;
    /* TODO: find the first bracket that is out of place */
    printf("OK\n");
    return 0;
}

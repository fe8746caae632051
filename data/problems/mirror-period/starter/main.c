#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n, k;
    if (scanf("%d %d", &n, &k) != 2) return 0;
    char *s = malloc(n + 2);
    scanf("%s", s);
    /* TODO: find the cheapest palindromic k-periodic pattern */
    printf("%d\n%s\n", 0, s);
    free(s);
    return 0;
}

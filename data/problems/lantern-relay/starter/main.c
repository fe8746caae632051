#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    int *d = malloc(sizeof(int) * (n + 1));
    for (int i = 1; i <= n; i++) scanf("%d", &d[i]);
    /* TODO: follow the lantern and print the number of passes, LOST or FOREVER */
    printf("%d\n", 0);
    free(d);
    return 0;
}

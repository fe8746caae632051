#include <stdio.h>
#include <stdlib.h>

#define MOD 1000000007LL

int main(void) {
    int r, c;
    if (scanf("%d %d", &r, &c) != 2) return 0;
    char *grid = malloc((size_t)r * (c + 1) + 1);
    for (int i = 0; i < r; i++) scanf("%s", grid + (size_t)i * (c + 1));
    /* TODO: find the best harvest and count the routes that achieve it */
    printf("%d\n", -1);
    free(grid);
    return 0;
}

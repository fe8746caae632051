#include <stdio.h>
#include <stdlib.h>

static char grid[500][502];

int main(void) {
    int r, c;
    if (scanf("%d %d", &r, &c) != 2) return 0;
    for (int i = 0; i < r; i++) scanf("%501s", grid[i]);
    /* TODO: find the fastest way from S to G */
    printf("%d\n", -1);
    return 0;
}

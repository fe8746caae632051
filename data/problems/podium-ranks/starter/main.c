#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char name[11];
    long long score;
} Climber;

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    Climber *c = malloc(sizeof(Climber) * n);
    for (int i = 0; i < n; i++) scanf("%10s %lld", c[i].name, &c[i].score);
    /* TODO: sort the climbers and assign ranks */
    for (int i = 0; i < n; i++) printf("%d %s %lld\n", 1, c[i].name, c[i].score);
    free(c);
    return 0;
}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    char (*words)[11] = malloc(sizeof(*words) * n);
    for (int i = 0; i < n; i++) scanf("%10s", words[i]);
    /* TODO: remove the stutters */
    printf("%d\n", 0);
    for (int i = 0; i < n; i++) printf(i ? " %s" : "%s", words[i]);
    printf("\n");
    free(words);
    return 0;
}

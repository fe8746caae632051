#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    long long *a = malloc(sizeof(long long) * n);
    for (int i = 0; i < n; i++) scanf("%lld", &a[i]);
    /* TODO: count the dishes and find the most popular one */
    printf("%d\n%d\n%d %d\n", 0, 0, 0, 0);
    free(a);
    return 0;
}

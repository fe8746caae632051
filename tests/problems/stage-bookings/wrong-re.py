# Wrong: a top-down recursive version of the right recurrence; on large inputs
# it exceeds Python's recursion limit and crashes with RecursionError.
import sys
from bisect import bisect_right
from functools import lru_cache

data = sys.stdin.buffer.read().split()
n, b = int(data[0]), int(data[1])
offers = sorted((int(data[3 + 3 * i]), int(data[2 + 3 * i]), int(data[4 + 3 * i])) for i in range(n))
ends = [e for e, _, _ in offers]


@lru_cache(maxsize=None)
def best(k):
    if k == 0:
        return 0
    e, s, p = offers[k - 1]
    return max(best(k - 1), best(bisect_right(ends, s - b, 0, k - 1)) + p)


print(best(n))

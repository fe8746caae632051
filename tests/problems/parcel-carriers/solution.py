import sys
from bisect import bisect_right
from itertools import accumulate


def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    w = [int(x) for x in data[2:2 + n]]
    prefix = [0] + list(accumulate(w))

    def fits(limit):
        # each courier greedily takes the longest run whose weight is <= limit
        pos = 0
        for _ in range(k):
            pos = bisect_right(prefix, prefix[pos] + limit) - 1
            if pos == n:
                return True
        return False

    lo, hi = max(w), prefix[n]
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(mid):
            hi = mid
        else:
            lo = mid + 1
    print(lo)


main()

import sys
from bisect import bisect_right


def main():
    data = sys.stdin.buffer.read().split()
    n, b = int(data[0]), int(data[1])
    offers = sorted((int(data[3 + 3 * i]), int(data[2 + 3 * i]), int(data[4 + 3 * i])) for i in range(n))
    ends = [e for e, _, _ in offers]
    best = [0] * (n + 1)  # best[k]: best total using only the first k offers (by end time)
    for k, (e, s, p) in enumerate(offers):
        # offers that end by s - b can precede this one
        j = bisect_right(ends, s - b, 0, k)
        take = best[j] + p
        best[k + 1] = take if take > best[k] else best[k]
    print(best[n])


main()

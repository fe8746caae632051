import sys


def subset_sums(ws):
    sums = [0]
    for w in ws:
        sums += [s + w for s in sums]
    return sums


def main():
    data = sys.stdin.buffer.read().split()
    n, lo, hi = int(data[0]), int(data[1]), int(data[2])
    w = [int(x) for x in data[3:3 + n]]
    # meet in the middle: a subset is a subset of the left half plus one of the right half
    left = sorted(subset_sums(w[:n // 2]))
    right = sorted(subset_sums(w[n // 2:]))
    # two pointers: as a grows, the number of partners b with a + b <= limit shrinks
    count = 0
    j_hi = j_lo = len(right)
    for a in left:
        while j_hi and a + right[j_hi - 1] > hi:
            j_hi -= 1
        while j_lo and a + right[j_lo - 1] >= lo:
            j_lo -= 1
        if not j_hi:
            break
        count += j_hi - j_lo
    print(count)


main()

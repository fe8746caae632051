import sys

MOD = (1 << 61) - 1
BASE = 1_000_003


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    s = data[1]
    codes = [ord(ch) - 96 for ch in s]
    prefix = [0] * (n + 1)
    h = 0
    for i, c in enumerate(codes):
        h = (h * BASE + c) % MOD
        prefix[i + 1] = h
    power = [1] * (n + 1)
    for i in range(n):
        power[i + 1] = power[i] * BASE % MOD

    def leftmost_repeat(length):
        """Smallest start of a window of this length that occurs twice, or -1."""
        if length == 0:
            return 0
        pl = power[length]
        hashes = [(prefix[i + length] - prefix[i] * pl) % MOD for i in range(n - length + 1)]
        seen = set()
        repeated = set()
        for x in hashes:
            if x in seen:
                repeated.add(x)
            else:
                seen.add(x)
        if not repeated:
            return -1
        for i, x in enumerate(hashes):
            if x in repeated:
                return i
        return -1

    lo, hi = 0, n - 1  # a repeated substring has length at most n - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if leftmost_repeat(mid) >= 0:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        print(0)
    else:
        start = leftmost_repeat(lo)
        print(lo)
        print(s[start:start + lo])


main()

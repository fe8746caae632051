import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    a = [int(x) for x in data[2:2 + n]]
    counts = [sum(1 for x in a if x >> j & 1) for j in range(m)]
    everyone = sum(1 for c in counts if c == n)
    nobody = sum(1 for c in counts if c == 0)
    best = max(range(m), key=lambda j: (counts[j], -j))
    print(everyone)
    print(nobody)
    print(best, counts[best])


main()

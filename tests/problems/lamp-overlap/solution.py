import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    delta = {}
    for i in range(n):
        l, r = int(data[1 + 2 * i]), int(data[2 + 2 * i])
        delta[l] = delta.get(l, 0) + 1
        delta[r + 1] = delta.get(r + 1, 0) - 1
    xs = sorted(delta)
    best, count, cur = 0, 0, 0
    # brightness is constant on [xs[i], xs[i+1])
    for i in range(len(xs) - 1):
        cur += delta[xs[i]]
        length = xs[i + 1] - xs[i]
        if cur > best:
            best, count = cur, length
        elif cur == best:
            count += length
    print(best, count)


main()

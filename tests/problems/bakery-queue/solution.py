import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    free = 0
    served = 0
    out = []
    for i in range(n):
        t, s, p = int(data[1 + 3 * i]), int(data[2 + 3 * i]), int(data[3 + 3 * i])
        start = max(t, free)
        if start - t > p:
            out.append(-1)
        else:
            free = start + s
            served += 1
            out.append(free)
    print(" ".join(map(str, out)))
    print(served)


main()

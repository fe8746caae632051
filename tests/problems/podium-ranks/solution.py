import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    climbers = [(data[1 + 2 * i], int(data[2 + 2 * i])) for i in range(n)]
    climbers.sort(key=lambda c: (-c[1], c[0]))
    out = []
    rank = 0
    for i, (name, score) in enumerate(climbers):
        if i == 0 or score != climbers[i - 1][1]:
            rank = i + 1
        out.append("%d %s %d" % (rank, name, score))
    print("\n".join(out))


main()

import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    cables = []
    for j in range(m):
        u, v, c, f = (int(data[2 + 4 * j + k]) for k in range(4))
        cables.append((u, v, c, f))
    # TODO: choose the cheapest set of proposed cables
    print(-1)


main()

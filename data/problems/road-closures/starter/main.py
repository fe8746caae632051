import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    roads = [(int(data[2 + 2 * j]), int(data[3 + 2 * j])) for j in range(m)]
    pos = 2 + 2 * m
    q = int(data[pos])
    order = [int(x) for x in data[pos + 1:pos + 1 + q]]
    # TODO: count the groups after every closure
    print("\n".join("0" for _ in order))


main()

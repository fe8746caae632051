import sys


def main():
    data = sys.stdin.read().split()
    n, m, k = int(data[0]), int(data[1]), int(data[2])
    roads = []
    pos = 3
    for _ in range(m):
        roads.append((int(data[pos]), int(data[pos + 1]), int(data[pos + 2])))
        pos += 3
    # TODO: find the cheapest way from town 1 to town n
    print(-1)


main()

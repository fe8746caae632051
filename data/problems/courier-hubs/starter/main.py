import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    d = [int(x) for x in data[2:2 + n]]
    roads = []
    pos = 2 + n
    for _ in range(m):
        roads.append((int(data[pos]), int(data[pos + 1]), int(data[pos + 2])))
        pos += 3
    # TODO: compute the fastest delivery to every hub
    print(" ".join("-1" for _ in range(n)))


main()

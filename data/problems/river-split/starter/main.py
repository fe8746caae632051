import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    p = [int(x) for x in data[1:1 + n]]
    edges = []
    pos = 1 + n
    for _ in range(n - 1):
        edges.append((int(data[pos]), int(data[pos + 1])))
        pos += 2
    # TODO: find the fairest canal to cut
    print(0)


main()

import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    gold = [int(x) for x in data[2:2 + n]]
    tunnels = []
    pos = 2 + n
    for _ in range(m):
        tunnels.append((int(data[pos]), int(data[pos + 1])))
        pos += 2
    # TODO: find the most gold the explorer can collect
    print(0)


main()

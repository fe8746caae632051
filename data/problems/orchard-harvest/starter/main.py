import sys

MOD = 10 ** 9 + 7


def main():
    data = sys.stdin.read().split()
    r, c = int(data[0]), int(data[1])
    grid = data[2:2 + r]
    # TODO: find the best harvest and count the routes that achieve it
    print(-1)


main()

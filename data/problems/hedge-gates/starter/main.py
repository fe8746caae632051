import sys


def main():
    data = sys.stdin.read().split()
    r, c = int(data[0]), int(data[1])
    grid = data[2:2 + r]
    # TODO: find the fastest way from S to G
    print(-1)


main()

import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    w = [int(x) for x in data[2:2 + n]]
    # TODO: find the smallest possible heaviest load
    print(0)


main()

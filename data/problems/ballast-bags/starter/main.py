import sys


def main():
    data = sys.stdin.read().split()
    n, lo, hi = int(data[0]), int(data[1]), int(data[2])
    w = [int(x) for x in data[3:3 + n]]
    # TODO: count the subsets whose weight is between lo and hi
    print(0)


main()

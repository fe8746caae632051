import math
import sys


def main():
    data = sys.stdin.read().split()
    n, d = int(data[0]), int(data[1])
    trees = [(int(data[2 + 2 * i]), int(data[3 + 2 * i])) for i in range(n)]
    # TODO: compute the shortest fence
    print("%.9f" % 0.0)


main()

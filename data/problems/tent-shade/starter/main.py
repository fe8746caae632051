import math
import sys


def main():
    data = sys.stdin.read().split()
    n, theta = int(data[0]), int(data[1])
    poles = [(int(data[2 + 2 * i]), int(data[3 + 2 * i])) for i in range(n)]
    # TODO: compute the shaded length
    print("%.6f" % 0.0)


main()

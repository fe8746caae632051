import math
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, theta = int(data[0]), int(data[1])
    t = math.tan(math.radians(theta))
    shadows = sorted((int(data[2 + 2 * i]), int(data[2 + 2 * i]) + int(data[3 + 2 * i]) / t) for i in range(n))
    total = 0.0
    cur_l, cur_r = shadows[0]
    for l, r in shadows[1:]:
        if l > cur_r:
            total += cur_r - cur_l
            cur_l, cur_r = l, r
        elif r > cur_r:
            cur_r = r
    total += cur_r - cur_l
    print("%.6f" % total)


main()

import math
import sys


def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def hull(points):
    pts = sorted(set(points))
    if len(pts) <= 1:
        return pts
    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def main():
    data = sys.stdin.buffer.read().split()
    n, d = int(data[0]), int(data[1])
    pts = [(int(data[2 + 2 * i]), int(data[3 + 2 * i])) for i in range(n)]
    h = hull(pts)
    # the best fence follows the hull at distance d: hull perimeter plus a full circle
    perimeter = 0.0
    if len(h) >= 2:
        for i in range(len(h)):
            (ax, ay), (bx, by) = h[i], h[(i + 1) % len(h)]
            perimeter += math.hypot(bx - ax, by - ay)
    print("%.9f" % (perimeter + 2 * math.pi * d))


main()

#!/usr/bin/env python3
"""Regenerates the tests of Coupon Tolls (data/problems/coupon-tolls/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(n, k, roads):
    return "%d %d %d\n%s" % (n, len(roads), k, "".join("%d %d %d\n" % r for r in roads))


def random_province(rng, n, m, k, cmax, connected=True):
    roads = []
    if connected:
        order = list(range(2, n + 1))
        rng.shuffle(order)
        order = [1] + order
        for i in range(1, n):
            roads.append((order[rng.randrange(max(0, i - 5), i)], order[i], rng.randint(1, cmax)))
    while len(roads) < m:
        u, v = rng.sample(range(1, n + 1), 2)
        roads.append((u, v, rng.randint(1, cmax)))
    rng.shuffle(roads)
    return fmt(n, k, roads[:m])


def trap(rng, n, k):
    """A cheap route of many small tolls beside an expensive one of few big
    tolls, so that coupons change which route is best; plus noise roads."""
    roads = []
    mid = n // 2
    chain = list(range(2, mid))
    path = [1] + chain + [n]
    for a, b in zip(path, path[1:]):
        roads.append((a, b, rng.randint(10, 20)))
    cheap_total = sum(r[2] for r in roads)
    big = [mid + i for i in range(k + 1)]
    route = [1] + big + [n]
    for a, b in zip(route, route[1:]):
        roads.append((a, b, cheap_total // (k + 1) + rng.randint(0, 3)))
    for v in range(mid + k + 1, n):
        roads.append((v, rng.randint(1, v - 1), rng.randint(10 ** 5, 10 ** 6)))
    rng.shuffle(roads)
    return fmt(n, k, roads)


def main():
    rng = random.Random(424242)
    tests = [
        fmt(4, 1, [(1, 2, 10), (2, 4, 10), (1, 3, 3), (3, 4, 30)]),
        fmt(5, 2, [(1, 2, 5), (2, 3, 5), (3, 5, 5), (1, 4, 9), (4, 5, 9), (2, 4, 1)]),
        fmt(3, 5, [(1, 2, 4)]),
        fmt(2, 0, [(1, 2, 7), (2, 1, 3)]),
        fmt(2, 3, [(1, 2, 1)]),
        fmt(3, 2, [(1, 2, 1000000), (2, 3, 1000000), (1, 3, 999999)]),
        random_province(rng, 8, 14, 1, 20),
        random_province(rng, 200, 600, 2, 1000),
        trap(rng, 3000, 3),
        random_province(rng, 10000, 20000, 5, 10 ** 6),
        random_province(rng, 10000, 20000, 3, 100),
        random_province(rng, 10000, 20000, 0, 10 ** 6),
        random_province(rng, 10000, 9000, 4, 10 ** 6, connected=False),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

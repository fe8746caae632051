#!/usr/bin/env python3
"""Regenerates the tests of Fence Clearance (data/problems/fence-clearance/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import math

import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)

M = 10 ** 6


def fmt(d, pts):
    return "%d %d\n%s\n" % (len(pts), d, "\n".join("%d %d" % p for p in pts))


def disc(rng, n, radius):
    out = []
    while len(out) < n:
        x, y = rng.randint(-radius, radius), rng.randint(-radius, radius)
        if x * x + y * y <= radius * radius:
            out.append((x, y))
    return out


def main():
    rng = random.Random(3141)
    tests = [
        fmt(1, [(0, 0), (4, 0), (4, 3), (0, 3)]),
        fmt(2, [(0, 0), (6, 0), (3, 1), (3, 4), (2, 2), (6, 0)]),
        fmt(5, [(7, -7)]),
        fmt(1, [(1, 1)] * 5),
        fmt(3, [(-M, -M), (0, 0), (M, M), (500000, 500000)]),   # all on a line
        fmt(M, [(-M, -M), (M, -M), (M, M), (-M, M)]),
        fmt(10, [(rng.randint(-20, 20), rng.randint(-20, 20)) for _ in range(15)]),
        fmt(100, [(rng.randint(-1000, 1000), rng.randint(-1000, 1000)) for _ in range(500)]),
        fmt(rng.randint(1, M), [(rng.randint(-M, M), rng.randint(-M, M)) for _ in range(20000)]),
        fmt(12345, disc(rng, 20000, M)),
    ]
    # many trees exactly on a circle-like convex curve: a large hull
    pts = set()
    while len(pts) < 20000:
        a = rng.random() * 2 * math.pi
        pts.add((int(round(M * math.cos(a))), int(round(M * math.sin(a)))))
    tests.append(fmt(1, sorted(pts, key=lambda p: rng.random())))
    # a small cluster with lots of duplicates
    tests.append(fmt(7, [(rng.randint(-3, 3), rng.randint(-3, 3)) for _ in range(20000)]))
    write_tests(tests)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerates the tests of Stage Bookings (data/problems/stage-bookings/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(b, offers):
    return "%d %d\n%s\n" % (len(offers), b, "\n".join("%d %d %d" % o for o in offers))


def random_offers(rng, n, horizon, maxlen, pmax):
    out = []
    for _ in range(n):
        s = rng.randint(0, horizon - 1)
        e = min(horizon, s + rng.randint(1, maxlen))
        out.append((s, e, rng.randint(1, pmax)))
    return out


def main():
    rng = random.Random(8080)
    tests = [
        fmt(10, [(0, 60, 300), (50, 120, 500), (70, 130, 200), (140, 200, 400)]),
        fmt(5, [(0, 10, 5), (12, 20, 5), (0, 20, 12), (25, 30, 1), (22, 40, 9)]),
        fmt(0, [(3, 7, 42)]),
        fmt(0, [(0, 5, 1), (5, 10, 1), (10, 15, 1)]),
        fmt(1, [(0, 5, 1), (5, 10, 1), (10, 15, 1)]),
        fmt(10 ** 9, [(0, 1, 7), (1, 10 ** 9, 8), (0, 10 ** 9, 9)]),
        fmt(3, random_offers(rng, 10, 60, 15, 20)),
        fmt(7, random_offers(rng, 300, 5000, 100, 1000)),
        fmt(100, random_offers(rng, 20000, 10 ** 9, 10 ** 6, 10 ** 6)),
        fmt(0, random_offers(rng, 20000, 10 ** 5, 50, 10 ** 6)),
        fmt(0, [(i, i + 1, 10 ** 6) for i in range(0, 40000, 2)]),
        fmt(1000, random_offers(rng, 5000, 10 ** 9, 10 ** 8, 10 ** 6)),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerates the tests of Stair Paint (data/problems/stair-paint/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)

TOP = 10 ** 18


def fmt(pairs):
    return "%d\n%s\n" % (len(pairs), "\n".join("%d %d" % p for p in pairs))


def pair(rng, lo, hi):
    a = rng.randint(lo, hi)
    b = rng.randint(lo, hi)
    return (min(a, b), max(a, b))


def main():
    rng = random.Random(1000000007)
    tests = [
        fmt([(1, 3), (2, 2), (4, 5)]),
        fmt([(1, 100000), (1000000000, 1000000000)]),
        fmt([(1, 1)]),
        fmt([(TOP, TOP), (1, TOP), (TOP - 1, TOP)]),
        fmt([(10 ** 9 + 7, 10 ** 9 + 7), (10 ** 9 + 6, 10 ** 9 + 8), (2 * (10 ** 9 + 7), 3 * (10 ** 9 + 7))]),
        fmt([pair(rng, 1, 50) for _ in range(50)]),
        fmt([pair(rng, 1, 10 ** 6) for _ in range(1000)]),
        fmt([pair(rng, 1, 10 ** 12) for _ in range(3000)]),
        fmt([pair(rng, 1, TOP) for _ in range(10000)]),
        fmt([pair(rng, TOP - 10 ** 6, TOP) for _ in range(3000)]),
        fmt([(k, k) for k in range(1, 10001)]),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

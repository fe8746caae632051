#!/usr/bin/env python3
"""Regenerates the tests of Ballast Bags (data/problems/ballast-bags/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(lo, hi, w):
    return "%d %d %d\n%s\n" % (len(w), lo, hi, " ".join(map(str, w)))


def window(rng, w, width):
    """A range [L, R] around a random subset's weight."""
    mid = sum(x for x in w if rng.random() < 0.5)
    lo = max(0, mid - rng.randint(0, width))
    return lo, lo + width


def main():
    rng = random.Random(3636)
    tests = [
        fmt(5, 8, [3, 5, 2, 6]),
        fmt(0, 4, [2, 2, 2]),
        fmt(1, 1, [1]),
        fmt(0, 0, [7, 8]),
        fmt(10 ** 12, 4 * 10 ** 13, [10 ** 12] * 36),
    ]
    w = [rng.randint(1, 50) for _ in range(12)]
    tests.append(fmt(*window(rng, w, 30), w))
    w = [rng.randint(1, 10 ** 6) for _ in range(20)]
    tests.append(fmt(*window(rng, w, 10 ** 6), w))
    for n, wmax, width in ((36, 10 ** 12, 10 ** 12), (36, 10 ** 6, 3 * 10 ** 5), (35, 10 ** 12, 10 ** 11),
                           (36, 1000, 0), (33, 10 ** 9, 10 ** 10)):
        w = [rng.randint(1, wmax) for _ in range(n)]
        tests.append(fmt(*window(rng, w, width), w))
    tests.append(fmt(0, 4 * 10 ** 13, [rng.randint(1, 10 ** 12) for _ in range(36)]))
    write_tests(tests)


if __name__ == "__main__":
    main()

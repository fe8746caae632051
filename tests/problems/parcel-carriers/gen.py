#!/usr/bin/env python3
"""Regenerates the tests of Parcel Carriers (data/problems/parcel-carriers/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(k, w):
    return "%d %d\n%s\n" % (len(w), k, " ".join(map(str, w)))


def main():
    rng = random.Random(314159)
    tests = [
        fmt(3, [3, 4, 2, 5, 1, 6]),
        fmt(2, [7, 2, 5, 10, 8]),
        fmt(1, [5]),
        fmt(3, [1, 1, 1]),
        fmt(1, [10 ** 9] * 10),
        fmt(5, [1, 100, 1, 1, 1, 1, 100]),
        fmt(3, [rng.randint(1, 10) for _ in range(12)]),
        fmt(7, [rng.randint(1, 1000) for _ in range(100)]),
        fmt(50, [rng.randint(1, 10 ** 6) for _ in range(3000)]),
        fmt(3, [rng.randint(1, 10 ** 9) for _ in range(50000)]),
        fmt(15000, [rng.randint(1, 10 ** 9) for _ in range(30000)]),
        fmt(777, [rng.choice((1, 1000)) for _ in range(50000)]),
        fmt(50000, [rng.randint(1, 999) for _ in range(50000)]),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

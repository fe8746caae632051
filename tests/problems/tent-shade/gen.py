#!/usr/bin/env python3
"""Regenerates the tests of Tent Shade (data/problems/tent-shade/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(theta, poles):
    return "%d %d\n%s\n" % (len(poles), theta, "\n".join("%d %d" % p for p in poles))


def main():
    rng = random.Random(4545)
    tests = [
        fmt(45, [(0, 3), (10, 2), (20, 5)]),
        fmt(45, [(0, 4), (2, 1), (3, 3), (10, 1)]),
        fmt(30, [(5, 10), (5, 10)]),
        fmt(89, [(0, 1)]),
        fmt(1, [(1000000000, 1000000), (0, 1000000)]),
        fmt(60, [(0, 100), (1, 1), (2, 1), (3, 1)]),
        fmt(rng.randint(1, 89), [(rng.randint(0, 100), rng.randint(1, 20)) for _ in range(15)]),
        fmt(rng.randint(10, 80), [(rng.randint(0, 10 ** 5), rng.randint(1, 1000)) for _ in range(2000)]),
        fmt(17, [(rng.randint(0, 10 ** 9), rng.randint(1, 10 ** 6)) for _ in range(30000)]),
        fmt(3, [(rng.randint(0, 10 ** 9), rng.randint(1, 10 ** 6)) for _ in range(10000)]),
        fmt(75, [(rng.randint(0, 10 ** 6), rng.randint(1, 100)) for _ in range(30000)]),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

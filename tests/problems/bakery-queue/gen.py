#!/usr/bin/env python3
"""Regenerates the tests of Bakery Queue (data/problems/bakery-queue/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(rows):
    return "%d\n%s\n" % (len(rows), "\n".join("%d %d %d" % r for r in rows))


def random_case(rng, n, tmax, smax, pmax):
    ts = sorted(rng.randint(0, tmax) for _ in range(n))
    return fmt([(t, rng.randint(1, smax), rng.randint(0, pmax)) for t in ts])


def main():
    rng = random.Random(5150)
    tests = [
        fmt([(0, 5, 10), (2, 3, 10), (4, 2, 1), (20, 4, 0)]),
        fmt([(1, 4, 0), (1, 2, 3), (1, 2, 3), (3, 1, 5)]),
        fmt([(7, 1, 0)]),
        fmt([(0, 1000000, 0), (0, 1000000, 999999), (0, 1000000, 1000000)]),
        fmt([(1000000000, 1000000, 1000000000)] * 5),
        random_case(rng, 10, 30, 8, 10),
        random_case(rng, 200, 1000, 50, 100),
        random_case(rng, 2000, 10 ** 6, 1000, 2000),
        # everybody is patient and arrives early: times reach 2 * 10^10
        fmt([(i // 10, 10 ** 6, 10 ** 12) for i in range(20000)]),
        random_case(rng, 20000, 10 ** 9, 10 ** 6, 10 ** 12),
        random_case(rng, 5000, 10 ** 7, 10 ** 3, 10 ** 3),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

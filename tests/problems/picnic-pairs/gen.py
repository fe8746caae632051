#!/usr/bin/env python3
"""Regenerates the tests of Picnic Pairs (data/problems/picnic-pairs/tests).

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
    rng = random.Random(600613)
    tests = [
        fmt(10, [3, 8, 5, 2, 7]),
        fmt(6, [3, 3, 3, 4]),
        fmt(1, [1, 1]),
        fmt(2, [1, 1]),
        fmt(2 * 10 ** 9, [10 ** 9] * 4),
        fmt(2 * 10 ** 9 - 1, [10 ** 9, 10 ** 9, 10 ** 9 - 1, 1]),
        fmt(15, [rng.randint(1, 10) for _ in range(20)]),
        fmt(1000, [rng.randint(1, 900) for _ in range(3000)]),
        fmt(2, [1] * 100000),
        fmt(10 ** 9, [rng.randint(1, 10 ** 9) for _ in range(40000)]),
        fmt(2 * 10 ** 9, [rng.randint(9 * 10 ** 8, 10 ** 9) for _ in range(30000)]),
        fmt(1500, [rng.randint(1, 1000) for _ in range(100000)]),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

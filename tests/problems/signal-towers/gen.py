#!/usr/bin/env python3
"""Regenerates the tests of Signal Towers (data/problems/signal-towers/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(h):
    return "%d\n%s\n" % (len(h), " ".join(map(str, h)))


def main():
    rng = random.Random(50505)
    tests = [
        fmt([4, 2, 3, 7, 1, 5]),
        fmt([3, 1, 3, 3, 2, 1]),
        fmt([9]),
        fmt([1, 2]),
        fmt([2, 1]),
        fmt([5, 5, 5, 5, 5]),
        fmt([rng.randint(1, 5) for _ in range(30)]),
        fmt([rng.randint(1, 10 ** 9) for _ in range(1000)]),
        fmt([rng.randint(1, 10 ** 9) for _ in range(30000)]),
        fmt(list(range(50000, 0, -1))),
        fmt([rng.randint(1, 20) for _ in range(50000)]),
        fmt([100000 - i // 2 for i in range(20000)]),
        fmt([rng.randint(1, 10 ** 9) if i % 1000 == 0 else rng.randint(1, 1000) for i in range(50000)]),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerates the tests of Lamp Overlap (data/problems/lamp-overlap/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)

TOP = 10 ** 9


def fmt(lamps):
    return "%d\n%s\n" % (len(lamps), "\n".join("%d %d" % x for x in lamps))


def random_lamps(rng, n, hi, maxlen):
    out = []
    for _ in range(n):
        l = rng.randint(1, hi)
        out.append((l, min(hi, l + rng.randint(0, maxlen))))
    return out


def main():
    rng = random.Random(60606)
    tests = [
        fmt([(1, 4), (2, 6), (6, 9)]),
        fmt([(3, 5), (6, 8), (1, 10), (5, 6)]),
        fmt([(7, 7)]),
        fmt([(1, TOP)]),
        fmt([(1, 2), (3, 4)]),
        fmt([(1, TOP), (TOP, TOP), (1, 1)]),
        fmt([(5, 5)] * 10),
        fmt(random_lamps(rng, 20, 30, 8)),
        fmt(random_lamps(rng, 1000, 10 ** 5, 1000)),
        fmt(random_lamps(rng, 30000, TOP, 10 ** 8)),
        fmt(random_lamps(rng, 30000, 3000, 40)),
        # lamps in a row: each one starts right after the previous one ends
        fmt([(10 * i + 1, 10 * i + 10) for i in range(20000)]),
        fmt([(rng.randint(1, TOP // 2), rng.randint(TOP // 2, TOP)) for _ in range(5000)]),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

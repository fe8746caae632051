#!/usr/bin/env python3
"""Regenerates the tests of Ledger Balance (data/problems/ledger-balance/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(c, queries):
    lines = ["%d %d" % (len(c), len(queries)), " ".join(map(str, c))]
    lines += ["%d %d %d" % qu for qu in queries]
    return "\n".join(lines) + "\n"


def random_case(rng, n, q, cmax, smax, long_ranges=False):
    c = [rng.randint(-cmax, cmax) for _ in range(n)]
    queries = []
    for _ in range(q):
        if long_ranges:
            l = rng.randint(1, max(1, n // 10))
            r = rng.randint(n - n // 10, n)
        else:
            l = rng.randint(1, n)
            r = rng.randint(l, n)
        queries.append((l, r, rng.randint(-smax, smax)))
    return fmt(c, queries)


def main():
    rng = random.Random(777001)
    tests = [
        fmt([5, -3, 10, -7, 2], [(1, 5, 0), (2, 3, 100), (4, 4, 7), (1, 2, -10)]),
        fmt([-1000000000, -1000000000, 1000000000],
            [(1, 2, 1000000000), (1, 3, 0), (3, 3, -1000000000)]),
        fmt([42], [(1, 1, 0), (1, 1, -42)]),
        random_case(rng, 10, 10, 10, 10),
        random_case(rng, 200, 300, 1000, 1000),
        # all maximal: sums reach 3 * 10^13
        fmt([10 ** 9] * 20000, [(1, 20000, 10 ** 9)] + [(rng.randint(1, 100), rng.randint(19900, 20000), -10 ** 9) for _ in range(999)]),
        fmt([-10 ** 9] * 3000, [(1, 3000, -10 ** 9), (1, 1, 10 ** 9), (3000, 3000, 0)]),
        random_case(rng, 20000, 20000, 10 ** 9, 10 ** 9, long_ranges=True),
        random_case(rng, 10000, 5000, 10 ** 9, 10 ** 9),
        random_case(rng, 1000, 5000, 5, 5),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerates the tests of Cable Budget (data/problems/cable-budget/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(n, cables):
    return "%d %d\n%s" % (n, len(cables), "".join("%d %d %d %d\n" % c for c in cables))


def random_campus(rng, n, m, cmax, installed_share, connected=True):
    cables = []
    if connected:
        order = list(range(1, n + 1))
        rng.shuffle(order)
        for i in range(1, n):
            u, v = order[i], order[rng.randrange(i)]
            cables.append((u, v, rng.randint(1, cmax), 1 if rng.random() < installed_share else 0))
    while len(cables) < m:
        u, v = rng.sample(range(1, n + 1), 2)
        cables.append((u, v, rng.randint(1, cmax), 1 if rng.random() < installed_share else 0))
    rng.shuffle(cables)
    return fmt(n, cables[:m])


def main():
    rng = random.Random(271828)
    tests = [
        fmt(5, [(1, 2, 7, 0), (2, 3, 3, 0), (1, 3, 4, 0), (3, 4, 9, 0), (4, 5, 2, 0), (3, 5, 10, 0)]),
        fmt(6, [(1, 2, 50, 1), (2, 3, 8, 0), (3, 4, 70, 1), (4, 5, 5, 0), (1, 5, 3, 0), (6, 1, 4, 0), (6, 2, 1, 0)]),
        fmt(4, [(1, 2, 1, 0), (3, 4, 1, 1)]),
        fmt(1, []),
        fmt(2, []),
        fmt(3, [(1, 2, 5, 1), (2, 3, 5, 1), (1, 3, 5, 1)]),
        fmt(3, [(1, 2, 9, 0), (1, 2, 2, 0), (2, 3, 4, 0), (2, 3, 1, 1)]),
        random_campus(rng, 10, 20, 20, 0.2),
        random_campus(rng, 300, 1000, 1000, 0.1),
        random_campus(rng, 2000, 1500, 1000, 0.1, connected=False),
        # a long chain of expensive cables: the total exceeds 2^31
        fmt(20000, [(i, i + 1, 10 ** 6 - rng.randint(0, 5), 0) for i in range(1, 20000)]
            + [tuple(rng.sample(range(1, 20001), 2)) + (10 ** 6, 0)]),
        random_campus(rng, 20000, 20000, 10 ** 6, 0.05),
        random_campus(rng, 20000, 20000, 10, 0.3),
        random_campus(rng, 5000, 4000, 10 ** 6, 0.0, connected=False),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerates the tests of Road Closures (data/problems/road-closures/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(n, roads, order):
    return "%d %d\n%s%d\n%s\n" % (n, len(roads), "".join("%d %d\n" % r for r in roads), len(order),
                                  " ".join(str(j + 1) for j in order))


def random_island(rng, n, m, q, tree_first=True):
    roads = []
    if tree_first:
        for v in range(2, min(n, m + 1) + 1):
            roads.append((rng.randint(1, v - 1), v))
    while len(roads) < m:
        roads.append(tuple(rng.sample(range(1, n + 1), 2)))
    rng.shuffle(roads)
    order = rng.sample(range(m), q)
    return fmt(n, roads, order)


def main():
    rng = random.Random(8118)
    tests = [
        fmt(5, [(1, 2), (2, 3), (3, 1), (4, 5), (3, 4)], [4, 0, 3, 1]),
        fmt(4, [(1, 2), (1, 2), (2, 3), (3, 4)], [0, 3, 1, 2]),
        fmt(2, [(1, 2)], [0]),
        fmt(3, [(1, 2), (2, 3)], [1]),
        random_island(rng, 10, 15, 15),
        random_island(rng, 300, 500, 400),
        random_island(rng, 20000, 20000, 20000),
        random_island(rng, 20000, 20000, 3000, tree_first=False),
        random_island(rng, 5000, 10000, 10000),
        # a long path cut from the middle outwards
        fmt(20000, [(i, i + 1) for i in range(1, 20000)] + [(1, 20000)],
            sorted(range(20000), key=lambda j: abs(j - 10000))[:8000]),
        random_island(rng, 20000, 19999, 100),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

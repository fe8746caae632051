#!/usr/bin/env python3
"""Regenerates the tests of Courier Hubs (data/problems/courier-hubs/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(d, roads):
    return "%d %d\n%s\n%s" % (len(d), len(roads), " ".join(map(str, d)), "".join("%d %d %d\n" % r for r in roads))


def random_network(rng, n, m, dmax, wmax):
    roads = []
    order = list(range(2, n + 1))
    rng.shuffle(order)
    order = [1] + order
    for i in range(1, n):
        roads.append((order[rng.randrange(i)], order[i], rng.randint(1, wmax)))
    while len(roads) < m:
        u, v = rng.sample(range(1, n + 1), 2)
        roads.append((u, v, rng.randint(1, wmax)))
    rng.shuffle(roads)
    return fmt([rng.randint(0, dmax) for _ in range(n)], roads[:m])


def main():
    rng = random.Random(112358)
    tests = [
        fmt([9, 1, 2, 100, 0], [(1, 2, 4), (2, 3, 3), (1, 3, 9), (3, 4, 2), (2, 4, 20)]),
        fmt([0, 5, 0, 7], [(1, 2, 1), (2, 3, 1), (1, 3, 8), (3, 1, 5)]),
        fmt([3], []),
        fmt([1, 1, 1], [(2, 3, 4)]),
        fmt([1000000, 1000000], [(1, 2, 1000000), (2, 1, 999999)]),
        random_network(rng, 8, 12, 5, 10),
        random_network(rng, 300, 800, 100, 100),
        # a long chain listed from the far end: routes sum up to 2 * 10^10
        fmt([10 ** 6] * 10000, [(i + 1, i, 10 ** 6) for i in range(9999, 0, -1)] + [(1, 10000, 10 ** 6)]),
        random_network(rng, 10000, 15000, 10 ** 6, 10 ** 6),
        random_network(rng, 10000, 15000, 0, 10),
        # two separate regions
        fmt([rng.randint(0, 9) for _ in range(4000)],
            [(rng.randint(1, 1999), rng.randint(2000, 2000), rng.randint(1, 9)) for _ in range(1)]
            + [(a, b, rng.randint(1, 99)) for a, b in
               (tuple(rng.sample(range(1, 2000), 2)) for _ in range(3000))]
            + [(a, b, rng.randint(1, 99)) for a, b in
               (tuple(rng.sample(range(2001, 4001), 2)) for _ in range(3000))]),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

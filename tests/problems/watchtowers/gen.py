#!/usr/bin/env python3
"""Regenerates the tests of Watchtowers (data/problems/watchtowers/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(c, edges):
    return "%d\n%s\n%s" % (len(c), " ".join(map(str, c)), "".join("%d %d\n" % e for e in edges))


def relabel(rng, n, edges):
    perm = list(range(1, n + 1))
    rng.shuffle(perm)
    out = [(perm[u - 1], perm[v - 1]) if rng.random() < 0.5 else (perm[v - 1], perm[u - 1]) for u, v in edges]
    rng.shuffle(out)
    return out


def random_tree(rng, n, spread):
    return relabel(rng, n, [(rng.randint(max(1, v - spread), v - 1), v) for v in range(2, n + 1)])


def main():
    rng = random.Random(5353)
    tests = [
        fmt([3, 1, 4, 1, 5], [(1, 2), (2, 3), (2, 4), (4, 5)]),
        fmt([10, 1, 1, 1, 1], [(1, 2), (1, 3), (1, 4), (1, 5)]),
        fmt([7], []),
        fmt([5, 2], [(1, 2)]),
        fmt([1, 100, 1], [(1, 2), (2, 3)]),
        fmt([rng.randint(1, 9) for _ in range(12)], random_tree(rng, 12, 12)),
        fmt([rng.randint(1, 100) for _ in range(1000)], random_tree(rng, 1000, 1000)),
    ]
    n = 20000
    tests.append(fmt([rng.randint(1, 10 ** 6) for _ in range(n)], relabel(rng, n, [(i, i + 1) for i in range(1, n)])))
    tests.append(fmt([rng.randint(1, 10 ** 6) for _ in range(n)], random_tree(rng, n, n)))
    tests.append(fmt([rng.randint(1, 30) for _ in range(n)], random_tree(rng, n, 3)))
    # caterpillar: a long spine with cheap leaves and expensive spine clearings
    spine = n // 4
    edges = [(i, i + 1) for i in range(1, spine)] + [(rng.randint(1, spine), v) for v in range(spine + 1, n + 1)]
    costs = [rng.randint(5000, 10 ** 6) for _ in range(spine)] + [rng.randint(1, 1000) for _ in range(n - spine)]
    tests.append(fmt(costs, relabel(rng, n, edges)))
    write_tests(tests)


if __name__ == "__main__":
    main()

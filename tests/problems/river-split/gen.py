#!/usr/bin/env python3
"""Regenerates the tests of River Split (data/problems/river-split/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(p, edges):
    return "%d\n%s\n%s" % (len(p), " ".join(map(str, p)), "".join("%d %d\n" % e for e in edges))


def relabel(rng, n, edges):
    perm = list(range(1, n + 1))
    rng.shuffle(perm)
    out = []
    for u, v in edges:
        a, b = perm[u - 1], perm[v - 1]
        out.append((a, b) if rng.random() < 0.5 else (b, a))
    rng.shuffle(out)
    return out


def random_tree(rng, n, depthy=False):
    edges = []
    for v in range(2, n + 1):
        u = rng.randint(max(1, v - 3), v - 1) if depthy else rng.randint(1, v - 1)
        edges.append((u, v))
    return relabel(rng, n, edges)


def main():
    rng = random.Random(20202)
    tests = [
        fmt([5, 3, 8, 2, 6], [(1, 2), (1, 3), (3, 4), (3, 5)]),
        fmt([10, 1, 1, 1, 1, 1, 1], [(1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7)]),
        fmt([7, 7], [(2, 1)]),
        fmt([1, 10 ** 9], [(1, 2)]),
        fmt([rng.randint(1, 9) for _ in range(12)], random_tree(rng, 12)),
        fmt([rng.randint(1, 1000) for _ in range(500)], random_tree(rng, 500)),
    ]
    n = 20000
    # a single long chain, populations up to 10^9 (sums exceed 2^31)
    tests.append(fmt([rng.randint(1, 10 ** 9) for _ in range(n)], relabel(rng, n, [(i, i + 1) for i in range(1, n)])))
    # the chain again, in order, so that village 1 is an end
    tests.append(fmt([10 ** 9] * 5000, [(i, i + 1) for i in range(1, 5000)]))
    tests.append(fmt([rng.randint(1, 10 ** 9) for _ in range(n)], random_tree(rng, n)))
    tests.append(fmt([rng.randint(1, 100) for _ in range(n)], random_tree(rng, n, depthy=True)))
    # a star: every district split leaves one village alone
    n = 10000
    tests.append(fmt([rng.randint(1, 10 ** 6) for _ in range(n)], relabel(rng, n, [(1, v) for v in range(2, n + 1)])))
    write_tests(tests)


if __name__ == "__main__":
    main()

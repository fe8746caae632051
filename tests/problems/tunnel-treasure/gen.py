#!/usr/bin/env python3
"""Regenerates the tests of Tunnel Treasure (data/problems/tunnel-treasure/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(gold, tunnels):
    return "%d %d\n%s\n%s" % (len(gold), len(tunnels), " ".join(map(str, gold)),
                              "".join("%d %d\n" % t for t in tunnels))


def clustered(rng, n, m, cluster, gmax):
    """Random caves grouped into loops of about `cluster` caves, linked
    mostly forwards, so the condensation is a deep DAG."""
    perm = list(range(1, n + 1))
    rng.shuffle(perm)
    perm.remove(1)
    perm.insert(0, 1)
    tunnels = []
    for start in range(0, n, cluster):
        group = perm[start:start + cluster]
        for a, b in zip(group, group[1:] + group[:1]):
            if len(group) > 1:
                tunnels.append((a, b))
        if start + cluster < n:
            tunnels.append((rng.choice(group), perm[start + cluster]))
    while len(tunnels) < m:
        i = rng.randrange(n)
        j = min(n - 1, i + rng.randint(0, 3 * cluster))
        tunnels.append((perm[i], perm[j]))
    rng.shuffle(tunnels)
    return fmt([rng.randint(0, gmax) for _ in range(n)], tunnels[:m])


def main():
    rng = random.Random(9090)
    tests = [
        fmt([4, 1, 7, 3, 2], [(1, 2), (1, 3), (2, 4), (3, 5), (4, 5)]),
        fmt([1, 5, 1, 10, 2], [(1, 2), (2, 3), (3, 1), (3, 4), (2, 5)]),
        fmt([42], []),
        fmt([3, 100], [(2, 1)]),
        fmt([0, 0, 0], [(1, 1), (1, 2), (2, 3), (3, 2)]),
        fmt([rng.randint(0, 9) for _ in range(12)], [(rng.randint(1, 12), rng.randint(1, 12)) for _ in range(20)]),
        clustered(rng, 500, 800, 5, 1000),
        # one long one-way chain (deep search)
        fmt([rng.randint(0, 10 ** 9) for _ in range(20000)], [(i, i + 1) for i in range(1, 20000)]),
        # one huge loop through every cave
        fmt([10 ** 9] * 20000, [(i, i % 20000 + 1) for i in range(1, 20001)]),
        clustered(rng, 10000, 12000, 3, 10 ** 6),
        clustered(rng, 20000, 20000, 50, 10 ** 6),
        clustered(rng, 10000, 10000, 1, 10 ** 3),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

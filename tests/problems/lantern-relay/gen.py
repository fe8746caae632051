#!/usr/bin/env python3
"""Regenerates the tests of Lantern Relay (data/problems/lantern-relay/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(d):
    return "%d\n%s\n" % (len(d), " ".join(map(str, d)))


def walk(n, order, rng):
    """Instructions under which the lantern visits the keepers in `order`;
    everybody else gets a random instruction."""
    d = [rng.randint(-9, 9) for _ in range(n + 1)]
    for a, b in zip(order, order[1:]):
        d[a] = b - a
    return d[1:]


def outcome(d):
    n = len(d)
    pos, seen = 1, set()
    while pos != n:
        if pos in seen:
            return "FOREVER"
        seen.add(pos)
        pos += d[pos - 1]
        if not 1 <= pos <= n:
            return "LOST"
    return "DONE"


def main():
    rng = random.Random(20240611)
    tests = [
        "6\n2 -1 3 1 -4 5\n",   # 1 -> 3 -> 6: 2 passes
        "5\n3 1 1 4 0\n",       # 1 -> 4 -> 8: lost
        "5\n1 1 -2 -3 0\n",     # 1 -> 2 -> 3 -> 1 -> ...: forever
        "1\n0\n",
        "3\n0 1 1\n",
        "4\n-1 1 1 1\n",
        "2\n1 -2\n",
        "7\n3 0 0 -2 0 0 0\n",  # 1 -> 4 -> 2 -> 2: a keeper keeps it
    ]
    # the relay visits every keeper once (longest possible finish)
    n = 50000
    mid = list(range(2, n))
    rng.shuffle(mid)
    tests.append(fmt(walk(n, [1] + mid + [n], rng)))
    # a long walk that then loops back into itself
    mid = list(range(2, n))
    rng.shuffle(mid)
    order = [1] + mid[:40000]
    tests.append(fmt(walk(n, order + [order[25000]], rng)))
    # a long walk that then jumps off the east end
    n = 49999
    mid = list(range(2, n))
    rng.shuffle(mid)
    order = [1] + mid[:35000]
    d = walk(n, order, rng)
    d[order[-1] - 1] = n + 1 - order[-1] + rng.randint(0, order[-1] - 1)
    tests.append(fmt(d))
    # random small relays with each outcome
    for want in ("DONE", "LOST", "FOREVER", "DONE"):
        while True:
            n = rng.randint(5, 40)
            d = [rng.randint(-n // 3, n // 3) for _ in range(n)]
            if outcome(d) == want:
                break
        tests.append(fmt(d))
    write_tests(tests)


if __name__ == "__main__":
    main()

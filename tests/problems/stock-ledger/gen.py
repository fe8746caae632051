#!/usr/bin/env python3
"""Regenerates the tests of Stock Ledger (data/problems/stock-ledger/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(events):
    return "%d\n%s\n" % (len(events), "\n".join(events))


def random_ledger(rng, q, wmax, mix=(4, 2, 2, 2), kmax=None, pool=None):
    """mix: relative weights of +, -, ?, #."""
    shelf = []
    events = []
    kinds = "+" * mix[0] + "-" * mix[1] + "?" * mix[2] + "#" * mix[3]
    for _ in range(q):
        kind = rng.choice(kinds)
        if kind == "-" and not shelf:
            kind = "+"
        if kind == "+":
            w = rng.choice(pool) if pool else rng.randint(1, wmax)
            shelf.append(w)
            events.append("+ %d" % w)
        elif kind == "-":
            i = rng.randrange(len(shelf))
            shelf[i], shelf[-1] = shelf[-1], shelf[i]
            events.append("- %d" % shelf.pop())
        elif kind == "?":
            top = kmax or len(shelf) + 2
            events.append("? %d" % rng.randint(1, max(1, top)))
        else:
            a, b = rng.randint(1, wmax), rng.randint(1, wmax)
            events.append("# %d %d" % (min(a, b), max(a, b)))
    return fmt(events)


def main():
    rng = random.Random(99991)
    tests = [
        fmt(["+ 50", "+ 20", "+ 70", "? 2", "# 20 60", "- 20", "? 1", "? 3", "# 1 1000"]),
        fmt(["+ 5", "+ 5", "+ 3", "? 2", "? 3", "- 5", "? 3", "# 5 5", "# 4 4"]),
        fmt(["? 1"]),
        fmt(["+ 1000000000", "? 1", "# 1 1000000000", "- 1000000000", "# 1 1000000000"]),
        random_ledger(rng, 30, 20),
        random_ledger(rng, 2000, 100),
        random_ledger(rng, 30000, 10 ** 9),
        random_ledger(rng, 30000, 10 ** 5, mix=(6, 1, 1, 4)),
        random_ledger(rng, 30000, 1000, mix=(3, 2, 3, 2), pool=[1, 2, 3, 500, 999, 1000]),
        random_ledger(rng, 20000, 10 ** 6, mix=(10, 0, 1, 1), kmax=30000),
    ]
    # everything arrives first, then questions only
    arrivals = ["+ %d" % rng.randint(1, 10 ** 6) for _ in range(15000)]
    questions = []
    for _ in range(15000):
        if rng.random() < 0.3:
            questions.append("? %d" % rng.randint(1, 15000))
        else:
            a = rng.randint(1, 10 ** 6)
            questions.append("# %d %d" % (a, rng.randint(a, 10 ** 6)))
    tests.append(fmt(arrivals + questions))
    write_tests(tests)


if __name__ == "__main__":
    main()

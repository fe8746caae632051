#!/usr/bin/env python3
"""Regenerates the tests of Podium Ranks (data/problems/podium-ranks/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(rows):
    return "%d\n%s\n" % (len(rows), "\n".join("%s %d" % r for r in rows))


def names(rng, n, maxlen=10, alphabet="abcdefghijklmnopqrstuvwxyz"):
    seen = set()
    out = []
    while len(out) < n:
        w = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, maxlen)))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def main():
    rng = random.Random(8848)
    tests = [
        fmt([("mira", 740), ("jonas", 910), ("ada", 655), ("felix", 800)]),
        fmt([("zoe", 80), ("bo", 90), ("al", 80), ("alice", 80), ("kim", 70), ("yan", 0)]),
        fmt([("solo", 0)]),
        fmt([("b", 5), ("a", 5), ("ab", 5), ("aa", 5), ("ba", 5)]),
        fmt([("x", 1000000000), ("y", 0), ("z", 1000000000)]),
        fmt(list(zip(names(rng, 30, 3, "abc"), [rng.randint(0, 5) for _ in range(30)]))),
        fmt(list(zip(names(rng, 500), [rng.randint(0, 50) for _ in range(500)]))),
        fmt(list(zip(names(rng, 20000), [rng.randint(0, 10 ** 9) for _ in range(20000)]))),
        fmt(list(zip(names(rng, 8000, 6, "abcdefgh"), [rng.randint(0, 300) for _ in range(8000)]))),
        fmt(list(zip(names(rng, 5000), [7] * 5000))),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

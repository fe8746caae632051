#!/usr/bin/env python3
"""Regenerates the tests of Mirror Period (data/problems/mirror-period/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(k, s):
    return "%d %d\n%s\n" % (len(s), k, s)


def noisy_pattern(rng, k, reps, noise, alphabet="abcdefghijklmnopqrstuvwxyz"):
    half = [rng.choice(alphabet) for _ in range((k + 1) // 2)]
    block = half + half[:k // 2][::-1]
    s = [ch if rng.random() > noise else rng.choice(alphabet) for ch in block * reps]
    return "".join(s)


def main():
    rng = random.Random(777)
    tests = [
        fmt(3, "abaabbaba"),
        fmt(2, "zyxw"),
        fmt(1, "q"),
        fmt(1, "abcabc"),
        fmt(6, "abcdef"),
        fmt(4, "racecarracecarab"[:16]),
        fmt(5, "".join(rng.choice("ab") for _ in range(20))),
        fmt(7, noisy_pattern(rng, 7, 30, 0.2)),
        fmt(100000, "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(100000))),
        fmt(1000, noisy_pattern(rng, 1000, 100, 0.3)),
        fmt(3, "".join(rng.choice("xyz") for _ in range(99999))),
        fmt(50, noisy_pattern(rng, 50, 2000, 0.45, "pq")),
        fmt(2, "ba" * 50000),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

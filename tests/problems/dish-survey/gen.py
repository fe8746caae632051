#!/usr/bin/env python3
"""Regenerates the tests of Dish Survey (data/problems/dish-survey/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(m, a):
    return "%d %d\n%s\n" % (len(a), m, " ".join(map(str, a)))


def biased(rng, n, m, probs):
    out = []
    for _ in range(n):
        x = 0
        for j in range(m):
            if rng.random() < probs[j]:
                x |= 1 << j
        out.append(x)
    return out


def main():
    rng = random.Random(4242)
    tests = [
        fmt(4, [5, 7, 12]),       # 0101 0111 1100
        fmt(5, [6, 5, 3, 16]),    # dishes 0, 1 and 2 tie
        fmt(1, [0]),
        fmt(1, [1, 1]),
        fmt(30, [2 ** 30 - 1] * 3),
        fmt(30, [0] * 5),
        fmt(3, [1, 2, 4]),        # three-way tie
    ]
    m = 12
    tests.append(fmt(m, biased(rng, 100, m, [rng.random() for _ in range(m)])))
    m = 30
    probs = [0.0] * 5 + [1.0] * 5 + [rng.random() for _ in range(20)]
    tests.append(fmt(m, biased(rng, 30000, m, probs)))
    m = 30
    tests.append(fmt(m, [rng.randrange(2 ** m) for _ in range(50000)]))
    m = 20
    # two equally popular dishes at the top, the larger-numbered one listed first
    a = [(1 << 17) | (1 << 9) for _ in range(20000)] + [rng.randrange(1 << 9) for _ in range(20000)]
    rng.shuffle(a)
    tests.append(fmt(m, a))
    write_tests(tests)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerates the tests of Orchard Harvest (data/problems/orchard-harvest/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(grid):
    return "%d %d\n%s\n" % (len(grid), len(grid[0]), "\n".join(grid))


def random_grid(rng, r, c, thorns, digits="0123456789", open_ends=True):
    g = ["".join("#" if rng.random() < thorns else rng.choice(digits) for _ in range(c)) for _ in range(r)]
    if open_ends:
        g[0] = rng.choice(digits) + g[0][1:]
        g[-1] = g[-1][:-1] + rng.choice(digits)
    return g


def main():
    rng = random.Random(6174)
    tests = [
        fmt(["131",
             "2#5",
             "412"]),
        fmt(["1111",
             "1111",
             "1111"]),
        fmt(["7"]),
        fmt(["#"]),
        fmt(["12", "3#"]),
        fmt(["5#", "#5"]),
        fmt(["0" * 10] * 10),
        fmt(random_grid(rng, 6, 7, 0.15, "0123")),
        fmt(random_grid(rng, 30, 40, 0.1)),
        fmt(random_grid(rng, 30, 40, 0.4)),
        fmt(["1" * 500] * 400),                                   # every route is best
        fmt(random_grid(rng, 400, 500, 0.12, "01")),
        fmt(random_grid(rng, 447, 447, 0.05, "99999998")),
        fmt(["".join(rng.choice("0123456789") for _ in range(200000))]),
        fmt([rng.choice("123") for _ in range(199999)] + ["#"]),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

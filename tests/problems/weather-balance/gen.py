#!/usr/bin/env python3
"""Regenerates the tests of Weather Balance (data/problems/weather-balance/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(s):
    return "%d\n%s\n" % (len(s), s)


def drifting(rng, n, bias):
    """Random weather with a slowly changing preference for one kind of day."""
    out = []
    for i in range(n):
        if rng.random() < bias:
            out.append("SRC"[(i // 1000) % 3])
        else:
            out.append(rng.choice("SRC"))
    return "".join(out)


def main():
    rng = random.Random(1618)
    tests = [
        fmt("SRCRSC"),
        fmt("SSRCRCC"),
        fmt("S"),
        fmt("SRC"),
        fmt("CCCCCCCC"),
        fmt("SRSRSRCC"),
        fmt("".join(rng.choice("SRC") for _ in range(30))),
        fmt("".join(rng.choice("SRC") for _ in range(2000))),
        fmt("SRC" * 66666 + "SR"),
        fmt("".join(rng.choice("SRC") for _ in range(200000))),
        fmt(drifting(rng, 200000, 0.05)),
        fmt("".join(rng.choice("SSRRC") for _ in range(200000))),
        fmt("".join(rng.choice(("SRC", "SCR", "RSC", "CRS", "RCS", "CSR")) for _ in range(60000))),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

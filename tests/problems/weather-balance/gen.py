#!/usr/bin/env python3
"""Regenerates the tests of Weather Balance (data/problems/weather-balance/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROBLEM = os.path.basename(HERE)
DEST = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'data', 'problems', PROBLEM, 'tests'))


def write_tests(inputs):
    """Writes inputs as 01.in, 02.in, ... and the reference answers as .out."""
    os.makedirs(DEST, exist_ok=True)
    for name in os.listdir(DEST):
        if name.endswith('.in') or name.endswith('.out'):
            os.remove(os.path.join(DEST, name))
    for i, text in enumerate(inputs, 1):
        base = os.path.join(DEST, '%02d' % i)
        with open(base + '.in', 'w') as f:
            f.write(text)
        out = subprocess.run([sys.executable, os.path.join(HERE, 'solution.py')],
                             input=text.encode(), stdout=subprocess.PIPE, check=True).stdout
        with open(base + '.out', 'wb') as f:
            f.write(out)
    print('%s: wrote %d tests' % (PROBLEM, len(inputs)))


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

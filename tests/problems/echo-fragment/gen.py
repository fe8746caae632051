#!/usr/bin/env python3
"""Regenerates the tests of Echo Fragment (data/problems/echo-fragment/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)

ALPHA = "abcdefghijklmnopqrstuvwxyz"


def fmt(s):
    return "%d\n%s\n" % (len(s), s)


def rand(rng, n, alphabet=ALPHA):
    return "".join(rng.choice(alphabet) for _ in range(n))


def main():
    rng = random.Random(7007)
    tests = [
        fmt("bananarama"),
        fmt("xyzabcxyzqabc"),
        fmt("abcdef"),
        fmt("q"),
        fmt("zz"),
        fmt("abababa"),
        fmt(rand(rng, 40, "ab")),
        fmt(rand(rng, 2000, "abc")),
        fmt(rand(rng, 50000)),
        fmt(rand(rng, 50000, "ab")),
        fmt("a" * 50000),
    ]
    # two planted copies of a long fragment, plus a later, alphabetically
    # smaller planted pair of the same length
    n = 50000
    base = list(rand(rng, n, "pqrstuvwxyz"))
    frag = rand(rng, 3000, "pqrs")
    small = "a" + rand(rng, 2999, "bcd")
    for pos, f in ((1000, frag), (20000, frag), (30000, small), (45000, small)):
        base[pos:pos + len(f)] = f
    tests.append(fmt("".join(base)))
    # a periodic signal with noise at the ends
    unit = rand(rng, 7)
    tests.append(fmt(rand(rng, 100) + unit * 7000 + rand(rng, 100)))
    tests.append(fmt(ALPHA))
    write_tests(tests)


if __name__ == "__main__":
    main()

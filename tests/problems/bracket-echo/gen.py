#!/usr/bin/env python3
"""Regenerates the tests of Bracket Echo (data/problems/bracket-echo/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)

PAIRS = ["()", "[]", "{}", "<>"]


def balanced(rng, n, depth_bias=0.5):
    """A balanced string of about n characters."""
    out, pile = [], []
    while len(out) + len(pile) < n:
        if pile and (rng.random() > depth_bias or len(out) + 2 * len(pile) >= n):
            out.append(pile.pop())
        else:
            p = rng.choice(PAIRS)
            out.append(p[0])
            pile.append(p[1])
    out += reversed(pile)
    return "".join(out)


def main():
    rng = random.Random(1234321)
    tests = [
        "{[()<>]}()\n",
        "([)]\n",
        "((<>)[{}]\n",
        ")\n",
        "(\n",
        "<>\n",
        "((((((((((\n",
        "()]\n",
        balanced(rng, 50) + "\n",
    ]
    big = balanced(rng, 200000)
    tests.append(big + "\n")
    # deep nesting, closed in the wrong order near the end
    k = 100000
    opens = [rng.choice(PAIRS) for _ in range(k)]
    s = "".join(p[0] for p in opens) + "".join(p[1] for p in reversed(opens))
    i = 2 * k - 3
    s = s[:i] + ("]" if s[i] != "]" else ")") + s[i + 1:]
    tests.append(s + "\n")
    # balanced prefix, then unclosed openings
    b = balanced(rng, 150000, 0.6)
    tests.append(b + "".join(rng.choice("([{<") for _ in range(50000)) + "\n")
    # a stray closing bracket after a long balanced part
    tests.append(balanced(rng, 120000) + ">" + balanced(rng, 1000) + "\n")
    # mismatch hidden somewhere in the middle of a random string
    b = list(balanced(rng, 200000, 0.7))
    j = rng.randrange(len(b))
    while b[j] not in ")]}>":
        j = rng.randrange(len(b))
    b[j] = {")": "]", "]": "}", "}": ">", ">": ")"}[b[j]]
    tests.append("".join(b) + "\n")
    write_tests(tests)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerates the tests of Stutter Filter (data/problems/stutter-filter/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)

VOCAB = ("we need more coffee the plan is ready so um well yes no maybe "
         "deadline sprint ticket merge review ship it today later tomorrow "
         "a I ok right look").split()


def fmt(words):
    return "%d\n%s\n" % (len(words), " ".join(words))


def vary_case(rng, w):
    k = rng.random()
    if k < 0.6:
        return w
    if k < 0.75:
        return w.upper()
    if k < 0.9:
        return w.capitalize()
    return "".join(ch.upper() if rng.random() < 0.5 else ch for ch in w)


def transcript(rng, n, stutter, vocab=VOCAB):
    words = []
    while len(words) < n:
        w = rng.choice(vocab)
        reps = 1
        while rng.random() < stutter and reps + len(words) < n:
            reps += 1
        words += [vary_case(rng, w) for _ in range(reps)]
    return words[:n]


def main():
    rng = random.Random(31337)
    tests = [
        fmt("so so the plan plan plan is ready ready".split()),
        fmt("we we WE need more more coffee Coffee COFFEE".split()),
        fmt(["Hello"]),
        fmt("a A a b a a B b".split()),
        fmt("yes no yes no yes".split()),
        fmt(["um"] * 7),
        fmt("Z z zz Zz zZ ZZ zzz".split()),
        fmt(transcript(rng, 30, 0.4)),
        fmt(transcript(rng, 1000, 0.2)),
        fmt(transcript(rng, 50000, 0.3)),
        fmt(transcript(rng, 50000, 0.9, vocab=["go", "Go", "stop", "abcdefghij"])),
        fmt(transcript(rng, 50000, 0.0, vocab=["x", "y"])),
    ]
    write_tests(tests)


if __name__ == "__main__":
    main()

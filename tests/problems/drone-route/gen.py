#!/usr/bin/env python3
"""Regenerates the tests of Drone Route (data/problems/drone-route/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)


def fmt(depot, pts):
    return "%d\n%d %d\n%s\n" % (len(pts), depot[0], depot[1], "\n".join("%d %d %d" % p for p in pts))


def tour_deadlines(rng, depot, coords, slack):
    """Deadlines that a random visiting order meets with a little slack, so
    the answer is rarely -1 but the deadlines still matter."""
    order = list(range(len(coords)))
    rng.shuffle(order)
    t = [0] * len(coords)
    now, (cx, cy) = 0, depot
    for i in order:
        x, y = coords[i]
        now += abs(x - cx) + abs(y - cy)
        cx, cy = x, y
        t[i] = now + rng.randint(0, slack)
    return [(x, y, t[i]) for i, (x, y) in enumerate(coords)]


def main():
    rng = random.Random(1515)
    tests = [
        fmt((0, 0), [(2, 0, 10), (2, 2, 10), (0, 2, 10)]),
        fmt((0, 0), [(5, 0, 5), (-1, 0, 100), (0, 3, 13)]),
        fmt((0, 0), [(3, 4, 6)]),
        fmt((7, -7), [(7, -7, 0)]),
        fmt((0, 0), [(1, 0, 1), (-1, 0, 1)]),
        fmt((0, 0), [(10 ** 6, 10 ** 6, 10 ** 9), (-10 ** 6, -10 ** 6, 10 ** 9), (10 ** 6, -10 ** 6, 10 ** 9)]),
    ]
    c = [(rng.randint(-20, 20), rng.randint(-20, 20)) for _ in range(7)]
    tests.append(fmt((0, 0), tour_deadlines(rng, (0, 0), c, 15)))
    c = [(rng.randint(-1000, 1000), rng.randint(-1000, 1000)) for _ in range(10)]
    tests.append(fmt((3, -4), tour_deadlines(rng, (3, -4), c, 500)))
    for slack, big in ((10 ** 9, False), (2 * 10 ** 5, False), (3 * 10 ** 4, True)):
        depot = (rng.randint(-10 ** 5, 10 ** 5), rng.randint(-10 ** 5, 10 ** 5))
        c = [(rng.randint(-10 ** 6, 10 ** 6), rng.randint(-10 ** 6, 10 ** 6)) for _ in range(15)]
        pts = tour_deadlines(rng, depot, c, slack)
        if slack >= 10 ** 9:
            pts = [(x, y, 10 ** 9) for x, y, _ in pts]
        tests.append(fmt(depot, pts))
    # 15 patients, deadlines impossible to meet together
    c = [(rng.randint(-10 ** 6, 10 ** 6), rng.randint(-10 ** 6, 10 ** 6)) for _ in range(15)]
    tests.append(fmt((0, 0), [(x, y, abs(x) + abs(y) + 10) for x, y in c]))
    # 15 patients on a small grid with repeated points
    c = [(rng.randint(0, 3), rng.randint(0, 3)) for _ in range(15)]
    tests.append(fmt((0, 0), tour_deadlines(rng, (0, 0), c, 3)))
    write_tests(tests)


if __name__ == "__main__":
    main()

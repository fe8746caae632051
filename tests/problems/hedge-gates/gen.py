#!/usr/bin/env python3
"""Regenerates the tests of Hedge Gates (data/problems/hedge-gates/tests).

The examples are written by hand; the other inputs come from a fixed seed.
Answers are produced by running solution.py on each input.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import genlib  # noqa: E402

write_tests = genlib.tests_writer(__file__)

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def fmt(grid):
    return "%d %d\n%s\n" % (len(grid), len(grid[0]), "\n".join("".join(row) for row in grid))


def random_grid(rng, r, c, hedge, gates):
    g = [["#" if rng.random() < hedge else "." for _ in range(c)] for _ in range(r)]
    cells = rng.sample([(i, j) for i in range(r) for j in range(c)], 2 + 2 * gates)
    (si, sj), (gi, gj) = cells[0], cells[1]
    g[si][sj] = "S"
    g[gi][gj] = "G"
    for k in range(gates):
        for (i, j) in cells[2 + 2 * k: 4 + 2 * k]:
            g[i][j] = LETTERS[k]
    return g


def carved_maze(rng, r, c):
    """A maze with a single path between any two open cells (odd coordinates)."""
    g = [["#"] * c for _ in range(r)]
    stack = [(1, 1)]
    g[1][1] = "."
    while stack:
        i, j = stack[-1]
        nb = [(i + di, j + dj, i + di // 2, j + dj // 2) for di, dj in ((2, 0), (-2, 0), (0, 2), (0, -2))
              if 0 < i + di < r - 1 and 0 < j + dj < c - 1 and g[i + di][j + dj] == "#"]
        if not nb:
            stack.pop()
            continue
        ni, nj, wi, wj = rng.choice(nb)
        g[wi][wj] = "."
        g[ni][nj] = "."
        stack.append((ni, nj))
    return g


def main():
    rng = random.Random(99)
    tests = [
        fmt(["S..#....",
             ".#.#.##.",
             ".#...#..",
             ".####.#.",
             "......#G"]),
        fmt(["S#a...",
             ".####.",
             "a#G.b#",
             ".####.",
             "b....."]),
        fmt(["SG"]),
        fmt(["S#G"]),
        fmt(["S", ".", "a", "#", "a", "G"]),
        fmt(["Sa.......aG"]),
        fmt(["S#", "#G"]),
        fmt(random_grid(rng, 8, 10, 0.25, 3)),
        fmt(random_grid(rng, 60, 80, 0.35, 10)),
    ]
    # a big open field: gates help a lot
    g = random_grid(rng, 500, 500, 0.2, 26)
    tests.append(fmt(g))
    # a long carved maze, entrance and gazebo far apart, a few gates
    g = carved_maze(rng, 500, 500)
    g[1][1] = "S"
    g[497][497] = "G"
    opened = [(i, j) for i in range(1, 498) for j in range(1, 498) if g[i][j] == "."]
    for k, (i, j) in enumerate(rng.sample(opened, 8)):
        g[i][j] = LETTERS[k // 2]
    tests.append(fmt(g))
    # the same maze without gates
    g2 = [["." if ch in LETTERS else ch for ch in row] for row in g]
    tests.append(fmt(g2))
    # the gazebo is walled in, but the gates lead inside
    g = random_grid(rng, 300, 300, 0.1, 0)
    for i in range(100, 201):
        for j in (100, 200):
            g[i][j] = "#"
            g[j][i] = "#"
    for row in g:
        for j, ch in enumerate(row):
            if ch in "SG":
                row[j] = "."
    g[5][5] = "S"
    g[150][150] = "G"
    g[290][10] = "q"
    g[101][199] = "q"
    tests.append(fmt(g))
    # walled in without a way inside
    g[101][199] = "."
    g[290][10] = "."
    tests.append(fmt(g))
    write_tests(tests)


if __name__ == "__main__":
    main()

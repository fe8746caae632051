import sys
from collections import deque


def main():
    data = sys.stdin.buffer.read().split()
    r, c = int(data[0]), int(data[1])
    rows = data[2:2 + r]
    w = c + 2  # pad with a hedge border so neighbours never leave the grid
    grid = bytearray(b"#" * (w * (r + 2)))
    for i, row in enumerate(rows):
        grid[(i + 1) * w + 1:(i + 1) * w + 1 + c] = row
    start = grid.index(b"S")
    goal = grid.index(b"G")
    twin = {}
    first = {}
    for p, ch in enumerate(grid):
        if 97 <= ch <= 122:
            if ch in first:
                twin[p] = first[ch]
                twin[first[ch]] = p
            else:
                first[ch] = p
    dist = [-1] * len(grid)
    dist[start] = 0
    queue = deque([start])
    hedge = 35  # '#'
    while queue:
        p = queue.popleft()
        if p == goal:
            break
        d = dist[p] + 1
        for q in (p - 1, p + 1, p - w, p + w):
            if dist[q] < 0 and grid[q] != hedge:
                dist[q] = d
                queue.append(q)
        q = twin.get(p)
        if q is not None and dist[q] < 0:
            dist[q] = d
            queue.append(q)
    print(dist[goal])


main()

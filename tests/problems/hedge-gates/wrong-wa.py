# Wrong: treats stepping through a gate as free (0 minutes).
import sys
from collections import deque

data = sys.stdin.buffer.read().split()
r, c = int(data[0]), int(data[1])
rows = [row.decode() for row in data[2:2 + r]]
pos = {}
for i in range(r):
    for j in range(c):
        pos.setdefault(rows[i][j], []).append((i, j))
dist = {pos["S"][0]: 0}
queue = deque([pos["S"][0]])
while queue:
    i, j = queue.popleft()
    d = dist[(i, j)]
    ch = rows[i][j]
    if ch.islower():
        for t in pos[ch]:
            if t not in dist:
                dist[t] = d
                queue.appendleft(t)
    for ni, nj in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):
        if 0 <= ni < r and 0 <= nj < c and rows[ni][nj] != "#" and (ni, nj) not in dist:
            dist[(ni, nj)] = d + 1
            queue.append((ni, nj))
print(dist.get(pos["G"][0], -1))

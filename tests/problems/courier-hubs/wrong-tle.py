# Correct but too slow: Bellman-Ford, up to n passes over all roads, O(n * m).
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
d = [0] + [int(x) for x in data[2:2 + n]]
d[1] = 0
roads = []
pos = 2 + n
for _ in range(m):
    u, v, w = int(data[pos]), int(data[pos + 1]), int(data[pos + 2])
    pos += 3
    roads.append((u, v, w))
INF = float("inf")
dist = [INF] * (n + 1)
dist[1] = 0
for _ in range(n):
    changed = False
    for u, v, w in roads:
        if dist[u] + d[u] + w < dist[v]:
            dist[v] = dist[u] + d[u] + w
            changed = True
        if dist[v] + d[v] + w < dist[u]:
            dist[u] = dist[v] + d[v] + w
            changed = True
    if not changed:
        break
print(" ".join(str(x) if x != INF else "-1" for x in dist[1:]))

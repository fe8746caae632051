# Wrong: finds the cheapest route without coupons, then spends the coupons on
# its k most expensive roads. A different route may be cheaper with coupons.
import sys
from heapq import heappop, heappush

data = sys.stdin.buffer.read().split()
n, m, k = int(data[0]), int(data[1]), int(data[2])
adj = [[] for _ in range(n + 1)]
pos = 3
for _ in range(m):
    u, v, c = int(data[pos]), int(data[pos + 1]), int(data[pos + 2])
    pos += 3
    adj[u].append((v, c))
    adj[v].append((u, c))
INF = float("inf")
dist = [INF] * (n + 1)
via = [0] * (n + 1)
dist[1] = 0
heap = [(0, 1)]
while heap:
    d, u = heappop(heap)
    if d > dist[u]:
        continue
    for v, c in adj[u]:
        if d + c < dist[v]:
            dist[v] = d + c
            via[v] = c
            heappush(heap, (d + c, v))
if dist[n] == INF:
    print(-1)
else:
    # walk the route back and collect its tolls
    tolls = []
    u = n
    while u != 1:
        c = via[u]
        tolls.append(c)
        u = next(w for w, cc in adj[u] if cc == c and dist[w] + c == dist[u])
    tolls.sort(reverse=True)
    print(sum(c // 2 for c in tolls[:k]) + sum(tolls[k:]))

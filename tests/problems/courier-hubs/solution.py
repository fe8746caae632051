import sys
from heapq import heappop, heappush


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    d = [0] + [int(x) for x in data[2:2 + n]]
    adj = [[] for _ in range(n + 1)]
    pos = 2 + n
    for _ in range(m):
        u, v, w = int(data[pos]), int(data[pos + 1]), int(data[pos + 2])
        pos += 3
        adj[u].append((v, w))
        adj[v].append((u, w))
    # leaving hub u costs its sorting time, except when u is the start
    INF = float("inf")
    dist = [INF] * (n + 1)
    dist[1] = 0
    heap = [(0, 1)]
    while heap:
        du, u = heappop(heap)
        if du > dist[u]:
            continue
        extra = du + (d[u] if u != 1 else 0)
        for v, w in adj[u]:
            nd = extra + w
            if nd < dist[v]:
                dist[v] = nd
                heappush(heap, (nd, v))
    print(" ".join(str(x) if x != INF else "-1" for x in dist[1:]))


main()

import sys
from heapq import heappop, heappush


def main():
    data = sys.stdin.buffer.read().split()
    n, m, k = int(data[0]), int(data[1]), int(data[2])
    adj = [[] for _ in range(n + 1)]
    pos = 3
    for _ in range(m):
        u, v, c = int(data[pos]), int(data[pos + 1]), int(data[pos + 2])
        pos += 3
        adj[u].append((v, c))
        adj[v].append((u, c))
    # state (town, coupons used); layered Dijkstra
    layers = k + 1
    INF = float("inf")
    dist = [INF] * ((n + 1) * layers)
    dist[1 * layers] = 0
    heap = [(0, 1, 0)]
    while heap:
        d, u, used = heappop(heap)
        if d > dist[u * layers + used]:
            continue
        if u == n:
            print(d)
            return
        for v, c in adj[u]:
            s = v * layers + used
            nd = d + c
            if nd < dist[s]:
                dist[s] = nd
                heappush(heap, (nd, v, used))
            if used < k:
                nd = d + c // 2
                if nd < dist[s + 1]:
                    dist[s + 1] = nd
                    heappush(heap, (nd, v, used + 1))
    print(-1)


main()

import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    cost = [0] + [int(x) for x in data[1:1 + n]]
    adj = [[] for _ in range(n + 1)]
    pos = 1 + n
    for _ in range(n - 1):
        u, v = int(data[pos]), int(data[pos + 1])
        pos += 2
        adj[u].append(v)
        adj[v].append(u)
    parent = [0] * (n + 1)
    parent[1] = -1
    order = []
    stack = [1]
    while stack:
        u = stack.pop()
        order.append(u)
        for v in adj[u]:
            if v != parent[u]:
                parent[v] = u
                stack.append(v)
    INF = float("inf")
    # tower[v]: v has a tower; covered[v]: no tower, watched by a child;
    # waiting[v]: no tower, not watched yet (its parent must have a tower)
    tower = [0] * (n + 1)
    covered = [0] * (n + 1)
    waiting = [0] * (n + 1)
    for v in reversed(order):
        t = cost[v]
        free_sum = 0     # children choosing the best of tower/covered
        extra = INF      # cheapest way to force one child to have a tower
        wait_sum = 0
        for u in adj[v]:
            if u == parent[v]:
                continue
            best_u = min(tower[u], covered[u])
            t += min(best_u, waiting[u])
            free_sum += best_u
            extra = min(extra, tower[u] - best_u)
            wait_sum += covered[u]
        tower[v] = t
        covered[v] = free_sum + extra
        waiting[v] = wait_sum
    print(min(tower[1], covered[1]))


main()

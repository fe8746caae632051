import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    p = [0] + [int(x) for x in data[1:1 + n]]
    adj = [[] for _ in range(n + 1)]
    pos = 1 + n
    for _ in range(n - 1):
        u, v = int(data[pos]), int(data[pos + 1])
        pos += 2
        adj[u].append(v)
        adj[v].append(u)
    # iterative DFS from village 1: visiting order, then subtree sums bottom-up
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
    sub = p[:]
    for u in reversed(order):
        if parent[u] > 0:
            sub[parent[u]] += sub[u]
    total = sub[1]
    print(min(abs(total - 2 * sub[u]) for u in order[1:]))


main()

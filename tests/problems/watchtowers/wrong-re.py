# Wrong: the right dynamic programme, but written as a recursive DFS without
# raising the recursion limit; long trails overflow the call stack.
import sys

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
INF = float("inf")


def solve(v, parent):
    t, free_sum, extra, wait_sum = cost[v], 0, INF, 0
    for u in adj[v]:
        if u == parent:
            continue
        a, b, c = solve(u, v)
        best = min(a, b)
        t += min(best, c)
        free_sum += best
        extra = min(extra, a - best)
        wait_sum += b
    return t, free_sum + extra, wait_sum


a, b, _ = solve(1, 0)
print(min(a, b))

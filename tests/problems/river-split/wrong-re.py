# Wrong: a recursive DFS without raising the recursion limit; a long chain of
# villages overflows Python's call stack (RecursionError).
import sys

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
subs = []


def dfs(u, parent):
    s = p[u]
    for v in adj[u]:
        if v != parent:
            s += dfs(v, u)
    if parent:
        subs.append(s)
    return s


total = dfs(1, 0)
print(min(abs(total - 2 * s) for s in subs))

# Correct but too slow: after every closure, counts the groups again with a
# fresh search over the whole island, O(q * (n + m)).
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
roads = [(int(data[2 + 2 * j]), int(data[3 + 2 * j])) for j in range(m)]
pos = 2 + 2 * m
q = int(data[pos])
order = [int(x) - 1 for x in data[pos + 1:pos + 1 + q]]
alive = [True] * m
out = []
for j in order:
    alive[j] = False
    adj = [[] for _ in range(n + 1)]
    for k in range(m):
        if alive[k]:
            a, b = roads[k]
            adj[a].append(b)
            adj[b].append(a)
    seen = [False] * (n + 1)
    groups = 0
    for s in range(1, n + 1):
        if seen[s]:
            continue
        groups += 1
        seen[s] = True
        stack = [s]
        while stack:
            x = stack.pop()
            for y in adj[x]:
                if not seen[y]:
                    seen[y] = True
                    stack.append(y)
    out.append(groups)
print("\n".join(map(str, out)))

# Too much memory: replays the storm backwards with a union-find, but keeps a
# full copy of the union-find after every step and counts the groups from the
# copies at the end: q copies of n entries.
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
roads = [(int(data[2 + 2 * j]), int(data[3 + 2 * j])) for j in range(m)]
pos = 2 + 2 * m
q = int(data[pos])
order = [int(x) - 1 for x in data[pos + 1:pos + 1 + q]]
parent = list(range(n + 1))


def find(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def join(j):
    a, b = find(roads[j][0]), find(roads[j][1])
    if a != b:
        parent[a] = b


closed = set(order)
for j in range(m):
    if j not in closed:
        join(j)
snapshots = []
for i in range(q - 1, -1, -1):
    snapshots.append(parent[:])
    join(order[i])
answers = [sum(1 for v in range(1, n + 1) if snap[v] == v) for snap in snapshots]
print("\n".join(map(str, reversed(answers))))

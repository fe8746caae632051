# Wrong: the right idea (Tarjan's algorithm, then the heaviest path over the
# components) written recursively; deep tunnel systems exceed Python's
# recursion limit and it crashes with RecursionError.
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
gold = [0] + [int(x) for x in data[2:2 + n]]
adj = [[] for _ in range(n + 1)]
pos = 2 + n
for _ in range(m):
    a, b = int(data[pos]), int(data[pos + 1])
    pos += 2
    adj[a].append(b)
index = [0] * (n + 1)
low = [0] * (n + 1)
comp = [-1] * (n + 1)
on_stack = [False] * (n + 1)
stack = []
comps = []
counter = [1]


def connect(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on_stack[v] = True
    for w in adj[v]:
        if index[w] == 0:
            connect(w)
            low[v] = min(low[v], low[w])
        elif on_stack[w]:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        members = []
        while True:
            w = stack.pop()
            on_stack[w] = False
            comp[w] = len(comps)
            members.append(w)
            if w == v:
                break
        comps.append(members)


connect(1)
best = [0] * len(comps)
for c, members in enumerate(comps):
    extra = max((best[comp[w]] for v in members for w in adj[v] if comp[w] != c), default=0)
    best[c] = sum(gold[v] for v in members) + extra
print(best[comp[1]])

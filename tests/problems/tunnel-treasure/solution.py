import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    gold = [0] + [int(x) for x in data[2:2 + n]]
    adj = [[] for _ in range(n + 1)]
    pos = 2 + n
    for _ in range(m):
        a, b = int(data[pos]), int(data[pos + 1])
        pos += 2
        adj[a].append(b)
    # iterative Tarjan from cave 1: only reachable caves matter
    index = [0] * (n + 1)   # 0 = not visited yet
    low = [0] * (n + 1)
    comp = [-1] * (n + 1)
    on_stack = [False] * (n + 1)
    stack = []
    comps = []              # in reverse topological order (sinks first)
    counter = 1
    work = [(1, 0)]
    index[1] = low[1] = counter
    counter += 1
    stack.append(1)
    on_stack[1] = True
    while work:
        v, i = work[-1]
        if i < len(adj[v]):
            work[-1] = (v, i + 1)
            w = adj[v][i]
            if index[w] == 0:
                index[w] = low[w] = counter
                counter += 1
                stack.append(w)
                on_stack[w] = True
                work.append((w, 0))
            elif on_stack[w] and index[w] < low[v]:
                low[v] = index[w]
            continue
        work.pop()
        if work:
            u = work[-1][0]
            if low[v] < low[u]:
                low[u] = low[v]
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
    # components come out sinks first, so every successor is already solved
    best = [0] * len(comps)
    for c, members in enumerate(comps):
        extra = 0
        for v in members:
            for w in adj[v]:
                d = comp[w]
                if d != c and best[d] > extra:
                    extra = best[d]
        best[c] = sum(gold[v] for v in members) + extra
    print(best[comp[1]])


main()

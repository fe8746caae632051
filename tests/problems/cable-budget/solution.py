import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    parent = list(range(n + 1))

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    components = n
    proposals = []
    for j in range(m):
        u, v, c, f = (int(data[2 + 4 * j + k]) for k in range(4))
        if f == 1:
            a, b = find(u), find(v)
            if a != b:
                parent[a] = b
                components -= 1
        else:
            proposals.append((c, u, v))
    proposals.sort()
    total = count = 0
    for c, u, v in proposals:
        a, b = find(u), find(v)
        if a != b:
            parent[a] = b
            components -= 1
            total += c
            count += 1
    print("%d %d" % (total, count) if components == 1 else -1)


main()

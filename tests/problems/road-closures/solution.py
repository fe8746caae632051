import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    roads = [(int(data[2 + 2 * j]), int(data[3 + 2 * j])) for j in range(m)]
    pos = 2 + 2 * m
    q = int(data[pos])
    order = [int(x) - 1 for x in data[pos + 1:pos + 1 + q]]
    # run the storm backwards: start from the final state and rebuild roads
    parent = list(range(n + 1))

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    groups = n

    def join(j):
        nonlocal groups
        a, b = find(roads[j][0]), find(roads[j][1])
        if a != b:
            parent[a] = b
            groups -= 1

    closed = set(order)
    for j in range(m):
        if j not in closed:
            join(j)
    answers = [0] * q
    for i in range(q - 1, -1, -1):
        answers[i] = groups
        join(order[i])
    sys.stdout.write("".join("%d\n" % a for a in answers))


main()

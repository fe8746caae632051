# Correct but too slow: a "union-find" that relabels every building of the
# merged group on each union, O(n) per union and O(n^2) overall.
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
label = list(range(n + 1))
components = n


def merge(u, v):
    global components
    a, b = label[u], label[v]
    if a == b:
        return False
    for i in range(1, n + 1):
        if label[i] == a:
            label[i] = b
    components -= 1
    return True


proposals = []
for j in range(m):
    u, v, c, f = (int(data[2 + 4 * j + k]) for k in range(4))
    if f == 1:
        merge(u, v)
    else:
        proposals.append((c, u, v))
proposals.sort()
total = count = 0
for c, u, v in proposals:
    if merge(u, v):
        total += c
        count += 1
print("%d %d" % (total, count) if components == 1 else -1)

import sys


def main():
    data = sys.stdin.buffer.read().split()
    q = int(data[0])
    events = []
    values = set()
    pos = 1
    for _ in range(q):
        op = data[pos]
        if op == b"#":
            a, b = int(data[pos + 1]), int(data[pos + 2])
            events.append((35, a, b))
            values.add(a)
            values.add(b)
            pos += 3
        else:
            x = int(data[pos + 1])
            events.append((op[0], x, 0))
            if op != b"?":
                values.add(x)
            pos += 2
    # Fenwick tree over the compressed weights
    sorted_vals = sorted(values)
    index = {v: i + 1 for i, v in enumerate(sorted_vals)}
    size = len(sorted_vals)
    tree = [0] * (size + 1)
    top = 1
    while top * 2 <= size:
        top *= 2

    def add(i, delta):
        while i <= size:
            tree[i] += delta
            i += i & -i

    def prefix(i):
        s = 0
        while i > 0:
            s += tree[i]
            i -= i & -i
        return s

    total = 0
    out = []
    for op, x, y in events:
        if op == 43:  # '+'
            add(index[x], 1)
            total += 1
        elif op == 45:  # '-'
            add(index[x], -1)
            total -= 1
        elif op == 63:  # '?': descend the tree to the k-th crate
            if x > total:
                out.append(-1)
                continue
            i, rest, step = 0, x, top
            while step:
                j = i + step
                if j <= size and tree[j] < rest:
                    i = j
                    rest -= tree[j]
                step >>= 1
            out.append(sorted_vals[i])
        else:  # '#'
            out.append(prefix(index[y]) - prefix(index[x] - 1))
    sys.stdout.write("".join("%d\n" % v for v in out))


main()

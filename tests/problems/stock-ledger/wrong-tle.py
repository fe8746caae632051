# Correct but too slow: keeps a plain list, sorts it for every "?" and scans
# it for every "#", O(q * n).
import sys

data = sys.stdin.buffer.read().split()
q = int(data[0])
items = []
out = []
pos = 1
for _ in range(q):
    op = data[pos]
    if op == b"#":
        a, b = int(data[pos + 1]), int(data[pos + 2])
        pos += 3
        count = 0
        for x in items:
            if a <= x <= b:
                count += 1
        out.append(count)
        continue
    x = int(data[pos + 1])
    pos += 2
    if op == b"+":
        items.append(x)
    elif op == b"-":
        items.remove(x)
    else:
        out.append(sorted(items)[x - 1] if x <= len(items) else -1)
print("\n".join(map(str, out)))

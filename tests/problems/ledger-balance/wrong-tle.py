# Correct but too slow: adds up every question's days one by one, O(n * q).
import sys

data = sys.stdin.buffer.read().split()
n, q = int(data[0]), int(data[1])
c = [int(x) for x in data[2:2 + n]]
out = []
pos = 2 + n
for _ in range(q):
    l, r, s = int(data[pos]), int(data[pos + 1]), int(data[pos + 2])
    pos += 3
    total = s
    for i in range(l - 1, r):
        total += c[i]
    out.append(total)
print("\n".join(map(str, out)))

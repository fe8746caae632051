# Wrong: handles the events one at a time, starts before ends at the same
# coordinate, and takes the maximum after every single event; a lamp that
# starts right after another one ends briefly counts both.
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
ev = []
for i in range(n):
    l, r = int(data[1 + 2 * i]), int(data[2 + 2 * i])
    ev.append((l, -1))   # -1 sorts first: a start
    ev.append((r + 1, 1))  # an end
ev.sort()
best = cur = 0
for x, kind in ev:
    cur -= kind
    best = max(best, cur)
count = cur = 0
for i, (x, kind) in enumerate(ev[:-1]):
    cur -= kind
    if cur == best:
        count += ev[i + 1][0] - x
print(best, count)

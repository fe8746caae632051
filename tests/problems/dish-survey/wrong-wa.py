# Wrong: on a tie for the most popular dish it reports the largest number.
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
a = [int(x) for x in data[2:2 + n]]
counts = [sum(1 for x in a if x >> j & 1) for j in range(m)]
best = 0
for j in range(m):
    if counts[j] >= counts[best]:
        best = j
print(sum(1 for c in counts if c == n))
print(sum(1 for c in counts if c == 0))
print(best, counts[best])

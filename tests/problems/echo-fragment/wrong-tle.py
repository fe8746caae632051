# Correct but too slow: compares every pair of starting positions letter by
# letter, O(n^2) pairs at least.
import sys

data = sys.stdin.read().split()
n = int(data[0])
s = data[1]
best, start = 0, -1
for i in range(n):
    for j in range(i + 1, n):
        h = 0
        while j + h < n and s[i + h] == s[j + h]:
            h += 1
        if h > best or (h == best and h > 0 and i < start):
            best, start = h, i
if best == 0:
    print(0)
else:
    print(best)
    print(s[start:start + best])

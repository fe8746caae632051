# Correct but too slow: follows every beam tower by tower, O(n^2) when the
# towers get lower towards the east.
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
h = [int(x) for x in data[1:1 + n]]
ans = []
for i in range(n):
    j = i + 1
    while j < n and h[j] < h[i]:
        j += 1
    ans.append(j - i if j < n else n - 1 - i)
print(" ".join(map(str, ans)))

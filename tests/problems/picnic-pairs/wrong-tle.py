# Correct but too slow: checks every pair, O(n^2).
import sys

data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
w = [int(x) for x in data[2:2 + n]]
count = 0
for i in range(n):
    wi = w[i]
    for j in range(i + 1, n):
        if wi + w[j] <= k:
            count += 1
print(count)

# Correct but far too slow: adds the squares one step at a time.
import sys

MOD = 10 ** 9 + 7
data = sys.stdin.buffer.read().split()
t = int(data[0])
for i in range(t):
    a, b = int(data[1 + 2 * i]), int(data[2 + 2 * i])
    total = 0
    for k in range(a, b + 1):
        total = (total + k * k) % MOD
    print(total)

# Correct but too slow: tries every stretch, O(n^2).
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
s = data[1].decode()
total = 0
for i in range(n):
    cs = cr = cc = 0
    for j in range(i, n):
        ch = s[j]
        if ch == "S":
            cs += 1
        elif ch == "R":
            cr += 1
        else:
            cc += 1
        if cs == cr == cc:
            total += 1
print(total)

# Too much memory: lists the total weight of every one of the 2^n subsets.
import sys

data = sys.stdin.buffer.read().split()
n, lo, hi = int(data[0]), int(data[1]), int(data[2])
sums = [0]
for w in data[3:3 + n]:
    w = int(w)
    sums += [s + w for s in sums]
print(sum(1 for s in sums if lo <= s <= hi))

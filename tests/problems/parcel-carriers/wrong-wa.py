# Wrong: assumes the obvious lower bound max(heaviest parcel, ceil(total / k))
# can always be reached.
import sys

data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
w = [int(x) for x in data[2:2 + n]]
print(max(max(w), (sum(w) + k - 1) // k))

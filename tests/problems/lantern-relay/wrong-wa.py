# Wrong: gives up after 1000 passes and declares FOREVER, but long relays
# that do finish exist.
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
d = [0] + [int(x) for x in data[1:1 + n]]
pos, passes = 1, 0
while pos != n and passes < 1000:
    pos += d[pos]
    passes += 1
    if pos < 1 or pos > n:
        print("LOST")
        sys.exit(0)
print(passes if pos == n else "FOREVER")

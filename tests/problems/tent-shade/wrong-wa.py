# Wrong: adds up every shadow's length, counting overlaps several times.
import math
import sys

data = sys.stdin.buffer.read().split()
n, theta = int(data[0]), int(data[1])
t = math.tan(math.radians(theta))
print("%.6f" % sum(int(data[3 + 2 * i]) / t for i in range(n)))

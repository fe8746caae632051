# Wrong: walks around all trees in angular order around their centre instead
# of taking the convex hull, so inner trees make the fence zig-zag.
import math
import sys

data = sys.stdin.buffer.read().split()
n, d = int(data[0]), int(data[1])
pts = sorted(set((int(data[2 + 2 * i]), int(data[3 + 2 * i])) for i in range(n)))
cx = sum(p[0] for p in pts) / len(pts)
cy = sum(p[1] for p in pts) / len(pts)
pts.sort(key=lambda p: math.atan2(p[1] - cy, p[0] - cx))
per = 0.0
if len(pts) >= 2:
    for i in range(len(pts)):
        per += math.dist(pts[i], pts[(i + 1) % len(pts)])
print("%.9f" % (per + 2 * math.pi * d))

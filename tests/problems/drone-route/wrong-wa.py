# Wrong: serves the patients in order of their deadlines (earliest first).
# That order is the best one for meeting deadlines only in special cases,
# and it ignores the flying distance.
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
x0, y0 = int(data[1]), int(data[2])
pts = sorted(((int(data[3 + 3 * i]), int(data[4 + 3 * i]), int(data[5 + 3 * i])) for i in range(n)),
             key=lambda p: p[2])
now, cx, cy = 0, x0, y0
for x, y, t in pts:
    now += abs(x - cx) + abs(y - cy)
    cx, cy = x, y
    if now > t:
        print(-1)
        sys.exit(0)
print(now + abs(cx - x0) + abs(cy - y0))

# Too much memory: for every cell keeps the number of routes for every
# possible apple total (up to 9 * (R + C - 1) of them), instead of only the best.
import sys

MOD = 10 ** 9 + 7
data = sys.stdin.buffer.read().split()
r, c = int(data[0]), int(data[1])
rows = data[2:2 + r]
top = 9 * (r + c - 1)
cnt = [[[0] * (top + 1) for _ in range(c)] for _ in range(r)]
for i in range(r):
    for j in range(c):
        ch = rows[i][j]
        if ch == 35:
            continue
        a = ch - 48
        here = cnt[i][j]
        if i == 0 and j == 0:
            here[a] = 1
            continue
        for src in ([cnt[i - 1][j]] if i else []) + ([cnt[i][j - 1]] if j else []):
            for t in range(top + 1 - a):
                if src[t]:
                    here[t + a] = (here[t + a] + src[t]) % MOD
last = cnt[r - 1][c - 1]
best = max((t for t in range(top + 1) if last[t]), default=-1)
print(-1 if best < 0 else "%d %d" % (best, last[best]))

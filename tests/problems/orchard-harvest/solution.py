import sys

MOD = 10 ** 9 + 7


def main():
    data = sys.stdin.buffer.read().split()
    r, c = int(data[0]), int(data[1])
    rows = data[2:2 + r]
    NONE = -1
    best_prev = [NONE] * c  # best[j] of the previous row
    ways_prev = [0] * c
    for i in range(r):
        row = rows[i]
        best = [NONE] * c
        ways = [0] * c
        for j in range(c):
            ch = row[j]
            if ch == 35:  # '#'
                continue
            if i == 0 and j == 0:
                best[0], ways[0] = ch - 48, 1
                continue
            up, left = best_prev[j], best[j - 1] if j else NONE
            if up == NONE and left == NONE:
                continue
            if up > left:
                b, w = up, ways_prev[j]
            elif left > up:
                b, w = left, ways[j - 1]
            else:
                b, w = up, (ways_prev[j] + ways[j - 1]) % MOD
            best[j], ways[j] = b + ch - 48, w
        best_prev, ways_prev = best, ways
    if best_prev[c - 1] == NONE:
        print(-1)
    else:
        print(best_prev[c - 1], ways_prev[c - 1])


main()

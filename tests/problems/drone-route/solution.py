import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    x0, y0 = int(data[1]), int(data[2])
    pts = [(int(data[3 + 3 * i]), int(data[4 + 3 * i]), int(data[5 + 3 * i])) for i in range(n)]
    dist = [[abs(a[0] - b[0]) + abs(a[1] - b[1]) for b in pts] for a in pts]
    home = [abs(x - x0) + abs(y - y0) for x, y, _ in pts]
    deadline = [t for _, _, t in pts]
    INF = float("inf")
    full = (1 << n) - 1
    # best[mask][i]: earliest time to have delivered exactly `mask`, standing at i
    best = [[INF] * n for _ in range(1 << n)]
    for i in range(n):
        if home[i] <= deadline[i]:
            best[1 << i][i] = home[i]
    for mask in range(1, full + 1):
        row = best[mask]
        for i in range(n):
            t = row[i]
            if t == INF:
                continue
            di = dist[i]
            rest = full ^ mask
            while rest:
                low = rest & -rest
                j = low.bit_length() - 1
                rest ^= low
                arrive = t + di[j]
                if arrive <= deadline[j] and arrive < best[mask | low][j]:
                    best[mask | low][j] = arrive
    answer = min((best[full][i] + home[i] for i in range(n)), default=INF)
    print(answer if answer < INF else -1)


main()

import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    h = [int(x) for x in data[1:1 + n]]
    ans = [0] * n
    pending = []  # towers whose beam is not blocked yet, heights strictly decreasing
    for j in range(n):
        hj = h[j]
        while pending and h[pending[-1]] <= hj:
            i = pending.pop()
            ans[i] = j - i
        pending.append(j)
    for i in pending:
        ans[i] = n - 1 - i
    print(" ".join(map(str, ans)))


main()

import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    w = sorted(int(x) for x in data[2:2 + n])
    count = 0
    j = n - 1
    # for each i (smallest first), w[j] is the largest partner that still fits
    for i in range(n):
        while j > i and w[i] + w[j] > k:
            j -= 1
        if j <= i:
            break
        count += j - i
    print(count)


main()

import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    prefix = [0] * (n + 1)
    acc = 0
    for i in range(n):
        acc += int(data[2 + i])
        prefix[i + 1] = acc
    out = []
    pos = 2 + n
    for _ in range(q):
        l, r, s = int(data[pos]), int(data[pos + 1]), int(data[pos + 2])
        pos += 3
        out.append(s + prefix[r] - prefix[l - 1])
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()

import sys

MOD = 10 ** 9 + 7


def squares_up_to(n):
    return n * (n + 1) * (2 * n + 1) // 6


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = []
    for i in range(t):
        a, b = int(data[1 + 2 * i]), int(data[2 + 2 * i])
        out.append((squares_up_to(b) - squares_up_to(a - 1)) % MOD)
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()

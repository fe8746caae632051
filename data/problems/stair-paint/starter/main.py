import sys

MOD = 10 ** 9 + 7


def main():
    data = sys.stdin.read().split()
    t = int(data[0])
    out = []
    for i in range(t):
        a, b = int(data[1 + 2 * i]), int(data[2 + 2 * i])
        # TODO: compute the varnish needed for steps a..b modulo MOD
        out.append(0)
    print("\n".join(map(str, out)))


main()

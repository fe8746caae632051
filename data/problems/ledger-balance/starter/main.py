import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    c = [int(x) for x in data[2:2 + n]]
    pos = 2 + n
    out = []
    for _ in range(q):
        l, r, s = int(data[pos]), int(data[pos + 1]), int(data[pos + 2])
        pos += 3
        # TODO: answer the question
        out.append(0)
    print("\n".join(map(str, out)))


main()

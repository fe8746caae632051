import sys


def main():
    data = sys.stdin.read().split()
    n, b = int(data[0]), int(data[1])
    offers = []
    for i in range(n):
        s, e, p = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
        offers.append((s, e, p))
    # TODO: choose the best set of offers
    print(0)


main()

import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    x0, y0 = int(data[1]), int(data[2])
    patients = [(int(data[3 + 3 * i]), int(data[4 + 3 * i]), int(data[5 + 3 * i])) for i in range(n)]
    # TODO: plan the deliveries
    print(-1)


main()

import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    lamps = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n)]
    # TODO: find the brightest house numbers
    print(0, 0)


main()

import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    h = [int(x) for x in data[1:1 + n]]
    # TODO: count the towers reached by every beam
    print(" ".join("0" for _ in h))


main()

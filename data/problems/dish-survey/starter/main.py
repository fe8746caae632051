import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    a = [int(x) for x in data[2:2 + n]]
    # TODO: count the dishes and find the most popular one
    print(0)
    print(0)
    print(0, 0)


main()

import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    d = [int(x) for x in data[1:1 + n]]
    # TODO: follow the lantern and print the number of passes, LOST or FOREVER
    print(0)


main()

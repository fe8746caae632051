import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    s = data[1]
    # TODO: count the balanced stretches
    print(0)


main()

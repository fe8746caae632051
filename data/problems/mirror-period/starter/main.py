import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    s = data[2]
    # TODO: find the cheapest palindromic k-periodic pattern
    print(0)
    print(s)


main()

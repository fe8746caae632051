import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    words = data[1:1 + n]
    # TODO: remove the stutters
    print(0)
    print(" ".join(words))


main()

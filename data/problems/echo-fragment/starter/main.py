import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    s = data[1]
    # TODO: find the longest fragment that occurs twice
    print(0)


main()

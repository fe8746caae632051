import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    climbers = [(data[1 + 2 * i], int(data[2 + 2 * i])) for i in range(n)]
    # TODO: sort the climbers and assign ranks
    for name, score in climbers:
        print(1, name, score)


main()

import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    customers = []
    for i in range(n):
        t, s, p = int(data[1 + 3 * i]), int(data[2 + 3 * i]), int(data[3 + 3 * i])
        customers.append((t, s, p))
    # TODO: simulate the queue
    print(" ".join("-1" for _ in customers))
    print(0)


main()

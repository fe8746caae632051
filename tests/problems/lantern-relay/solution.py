import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    d = [0] + [int(x) for x in data[1:1 + n]]
    pos, passes = 1, 0
    seen = bytearray(n + 1)
    while pos != n:
        if seen[pos]:
            print("FOREVER")
            return
        seen[pos] = 1
        pos += d[pos]
        passes += 1
        if pos < 1 or pos > n:
            print("LOST")
            return
    print(passes)


main()

import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    s = data[1].decode()
    # a stretch is balanced iff the prefix differences (S - R, R - C) agree at both ends
    seen = {(0, 0): 1}
    a = b = 0
    total = 0
    for ch in s[:n]:
        if ch == "S":
            a += 1
        elif ch == "R":
            a -= 1
            b += 1
        else:
            b -= 1
        key = (a, b)
        c = seen.get(key, 0)
        total += c
        seen[key] = c + 1
    print(total)


main()

import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    words = data[1:1 + n]
    kept = []
    prev = None
    for w in words:
        low = w.lower()
        if low != prev:
            kept.append(w)
        prev = low
    print(n - len(kept))
    print(" ".join(kept))


main()

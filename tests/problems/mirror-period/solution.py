import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    s = data[2]
    # residue r is tied to residue k-1-r: positions with either residue form one group
    choice = [""] * k
    changes = 0
    for r in range((k + 1) // 2):
        q = k - 1 - r
        letters = s[r::k] if q == r else s[r::k] + s[q::k]
        # most common letter, ties broken towards the alphabetically smallest
        best = min(set(letters), key=lambda c: (-letters.count(c), c))
        changes += len(letters) - letters.count(best)
        choice[r] = choice[q] = best
    print(changes)
    print("".join(choice) * (n // k))


main()

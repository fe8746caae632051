import sys

PARTNER = {")": "(", "]": "[", "}": "{", ">": "<"}


def main():
    s = sys.stdin.readline().strip()
    pile = []  # positions of unclosed opening brackets
    for i, ch in enumerate(s):
        if ch in PARTNER:
            if not pile or s[pile[-1]] != PARTNER[ch]:
                print(i + 1)
                return
            pile.pop()
        else:
            pile.append(i)
    print(pile[0] + 1 if pile else "OK")


main()

# Wrong: pops the pile without checking that it is empty; a stray closing
# bracket raises IndexError.
import sys

PARTNER = {")": "(", "]": "[", "}": "{", ">": "<"}
s = sys.stdin.readline().strip()
pile = []
for i, ch in enumerate(s):
    if ch in PARTNER:
        top = pile.pop()
        if s[top] != PARTNER[ch]:
            print(i + 1)
            sys.exit(0)
    else:
        pile.append(i)
print(pile[0] + 1 if pile else "OK")

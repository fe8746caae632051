# Wrong: when several letters are equally common in a group it keeps the
# alphabetically last one, so the pattern is not the smallest.
import sys
from collections import Counter

data = sys.stdin.read().split()
n, k = int(data[0]), int(data[1])
s = data[2]
choice = [""] * k
changes = 0
for r in range(k):
    q = k - 1 - r
    if q < r:
        continue
    cnt = Counter(s[r::k]) + (Counter(s[q::k]) if q != r else Counter())
    letter, c = max(cnt.items(), key=lambda x: (x[1], x[0]))
    changes += sum(cnt.values()) - c
    choice[r] = choice[q] = letter
print(changes)
print("".join(choice) * (n // k))

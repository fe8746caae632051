# Wrong: compares words case-sensitively, so "we We" is not seen as a stutter.
import sys

data = sys.stdin.read().split()
n = int(data[0])
words = data[1:1 + n]
kept = [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]]
print(n - len(kept))
print(" ".join(kept))

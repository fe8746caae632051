# Wrong: after a tie it continues with the next rank number (1, 2, 2, 3)
# instead of skipping (1, 2, 2, 4).
import sys

data = sys.stdin.read().split()
n = int(data[0])
climbers = sorted(((data[1 + 2 * i], int(data[2 + 2 * i])) for i in range(n)), key=lambda c: (-c[1], c[0]))
rank = 0
for i, (name, score) in enumerate(climbers):
    if i == 0 or score != climbers[i - 1][1]:
        rank += 1
    print(rank, name, score)

# Wrong: the classic "earliest end first" greedy maximises the number of
# performances, not the payment.
import sys

data = sys.stdin.buffer.read().split()
n, b = int(data[0]), int(data[1])
offers = sorted((int(data[3 + 3 * i]), int(data[2 + 3 * i]), int(data[4 + 3 * i])) for i in range(n))
free_at = None
total = 0
for e, s, p in offers:
    if free_at is None or s >= free_at:
        total += p
        free_at = e + b
print(total)

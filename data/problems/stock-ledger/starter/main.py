import sys


def main():
    data = sys.stdin.read().split()
    q = int(data[0])
    pos = 1
    out = []
    for _ in range(q):
        op = data[pos]
        if op == "#":
            a, b = int(data[pos + 1]), int(data[pos + 2])
            pos += 3
            # TODO: count the crates weighing between a and b
            out.append(0)
        else:
            x = int(data[pos + 1])
            pos += 2
            if op == "+":
                pass  # TODO: a crate of weight x arrives
            elif op == "-":
                pass  # TODO: a crate of weight x leaves
            else:
                # TODO: the weight of the x-th lightest crate
                out.append(-1)
    print("\n".join(map(str, out)))


main()

import sys


def main():
    s = sys.stdin.readline().strip()
    # TODO: find the first bracket that is out of place
    print("OK")


main()

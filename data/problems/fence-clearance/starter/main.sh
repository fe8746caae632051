#!/bin/bash
# Bash has no floating point; awk or bc can help with the arithmetic.
read -r n d
for ((i = 0; i < n; i++)); do
    read -r x y
done
# TODO: compute the shortest fence
echo "0.000000000"

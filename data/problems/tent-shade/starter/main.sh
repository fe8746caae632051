#!/bin/bash
# Bash has no floating point; awk or bc can help with the arithmetic.
read -r n theta
for ((i = 0; i < n; i++)); do
    read -r x h
done
# TODO: compute the shaded length
echo "0.000000"

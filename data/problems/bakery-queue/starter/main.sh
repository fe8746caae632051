#!/bin/bash
read -r n
out=()
for ((i = 0; i < n; i++)); do
    read -r t s p
    # TODO: simulate the queue
    out+=(-1)
done
echo "${out[*]}"
echo 0

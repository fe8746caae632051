#!/bin/bash
read -r n m
read -r -a d
for ((j = 0; j < m; j++)); do
    read -r u v w
done
# TODO: compute the fastest delivery to every hub
out=()
for ((i = 0; i < n; i++)); do out+=(-1); done
echo "${out[*]}"

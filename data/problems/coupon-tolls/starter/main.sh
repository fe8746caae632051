#!/bin/bash
read -r n m k
for ((j = 0; j < m; j++)); do
    read -r u v c
done
# TODO: find the cheapest way from town 1 to town n
echo -1

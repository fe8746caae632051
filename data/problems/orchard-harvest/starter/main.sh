#!/bin/bash
MOD=1000000007
read -r r c
grid=()
for ((i = 0; i < r; i++)); do
    read -r row
    grid+=("$row")
done
# TODO: find the best harvest and count the routes that achieve it
echo -1

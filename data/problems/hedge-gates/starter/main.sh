#!/bin/bash
read -r r c
grid=()
for ((i = 0; i < r; i++)); do
    read -r row
    grid+=("$row")
done
# TODO: find the fastest way from S to G
echo -1

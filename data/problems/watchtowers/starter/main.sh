#!/bin/bash
read -r n
read -r -a cost
for ((i = 0; i < n - 1; i++)); do
    read -r u v
done
# TODO: choose the cheapest set of towers that watches every clearing
echo 0

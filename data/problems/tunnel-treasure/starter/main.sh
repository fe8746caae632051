#!/bin/bash
read -r n m
read -r -a gold
for ((j = 0; j < m; j++)); do
    read -r a b
done
# TODO: find the most gold the explorer can collect
echo 0

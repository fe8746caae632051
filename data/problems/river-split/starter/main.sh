#!/bin/bash
read -r n
read -r -a p
for ((i = 0; i < n - 1; i++)); do
    read -r u v
done
# TODO: find the fairest canal to cut
echo 0

#!/bin/bash
read -r n b
for ((i = 0; i < n; i++)); do
    read -r s e p
done
# TODO: choose the best set of offers
echo 0

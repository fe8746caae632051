#!/bin/bash
read -r n q
read -r -a c
for ((k = 0; k < q; k++)); do
    read -r l r s
    # TODO: answer the question
    echo 0
done

#!/bin/bash
read -r n m
for ((j = 0; j < m; j++)); do
    read -r u v
done
read -r q
read -r -a order
# TODO: count the groups after every closure
for ((i = 0; i < q; i++)); do echo 0; done

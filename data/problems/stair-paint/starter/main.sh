#!/bin/bash
MOD=1000000007
read -r t
for ((i = 0; i < t; i++)); do
    read -r a b
    # TODO: compute the varnish needed for steps a..b modulo MOD
    echo 0
done

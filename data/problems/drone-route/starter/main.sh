#!/bin/bash
read -r n
read -r x0 y0
xs=() ys=() ts=()
for ((i = 0; i < n; i++)); do
    read -r x y t
    xs+=("$x") ys+=("$y") ts+=("$t")
done
# TODO: plan the deliveries
echo -1

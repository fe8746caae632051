#!/bin/bash
read -r n
read -r -a h
# TODO: count the towers reached by every beam
out=()
for ((i = 0; i < n; i++)); do out+=(0); done
echo "${out[*]}"

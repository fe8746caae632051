#!/bin/bash
read -r n
for ((i = 0; i < n; i++)); do
    read -r name score
    # TODO: sort the climbers and assign ranks
    echo "1 $name $score"
done

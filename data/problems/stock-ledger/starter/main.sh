#!/bin/bash
read -r q
for ((i = 0; i < q; i++)); do
    read -r op x y
    case "$op" in
        "#") echo 0 ;;   # TODO: count the crates weighing between x and y
        "?") echo -1 ;;  # TODO: the weight of the x-th lightest crate
        *) ;;            # TODO: '+' and '-' change the shelf
    esac
done

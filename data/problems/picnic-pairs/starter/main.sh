#!/bin/bash
read -r n k
read -r -a w
# TODO: count the pairs that fit
echo 0

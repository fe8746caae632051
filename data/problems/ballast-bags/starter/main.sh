#!/bin/bash
read -r n lo hi
read -r -a w
# TODO: count the subsets whose weight is between lo and hi
echo 0

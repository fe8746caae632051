#!/bin/bash
read -r n k
read -r -a w
# TODO: find the smallest possible heaviest load
echo 0

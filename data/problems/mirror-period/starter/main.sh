#!/bin/bash
read -r n k
read -r s
# TODO: find the cheapest palindromic k-periodic pattern
echo 0
echo "$s"

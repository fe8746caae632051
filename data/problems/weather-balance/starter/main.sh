#!/bin/bash
read -r n
read -r s
# TODO: count the balanced stretches
echo 0

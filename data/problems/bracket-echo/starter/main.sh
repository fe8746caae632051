#!/bin/bash
read -r s
# TODO: find the first bracket that is out of place
echo OK

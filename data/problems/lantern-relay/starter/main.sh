#!/bin/bash
read -r n
read -r -a d
# TODO: follow the lantern and print the number of passes, LOST or FOREVER
echo 0

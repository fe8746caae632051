#!/bin/bash
read -r n
read -r -a words
# TODO: remove the stutters
echo 0
echo "${words[*]}"

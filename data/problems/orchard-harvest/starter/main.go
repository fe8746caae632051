package main

import (
	"bufio"
	"fmt"
	"os"
)

const MOD = 1000000007

func main() {
	reader := bufio.NewReaderSize(os.Stdin, 1<<20)
	var r, c int
	fmt.Fscan(reader, &r, &c)
	grid := make([]string, r)
	for i := range grid {
		fmt.Fscan(reader, &grid[i])
	}
	// TODO: find the best harvest and count the routes that achieve it
	fmt.Println(-1)
}

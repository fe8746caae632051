package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	var r, c int
	fmt.Fscan(reader, &r, &c)
	grid := make([]string, r)
	for i := range grid {
		fmt.Fscan(reader, &grid[i])
	}
	// TODO: find the fastest way from S to G
	fmt.Println(-1)
}

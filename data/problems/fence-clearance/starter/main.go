package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	var n int
	var d int64
	fmt.Fscan(reader, &n, &d)
	x := make([]int64, n)
	y := make([]int64, n)
	for i := 0; i < n; i++ {
		fmt.Fscan(reader, &x[i], &y[i])
	}
	// TODO: compute the shortest fence
	fmt.Printf("%.9f\n", 0.0)
}

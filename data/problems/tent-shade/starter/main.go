package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	var n, theta int
	fmt.Fscan(reader, &n, &theta)
	x := make([]int64, n)
	h := make([]int64, n)
	for i := 0; i < n; i++ {
		fmt.Fscan(reader, &x[i], &h[i])
	}
	// TODO: compute the shaded length
	fmt.Printf("%.6f\n", 0.0)
}

package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	var n int
	var x0, y0 int64
	fmt.Fscan(reader, &n, &x0, &y0)
	x := make([]int64, n)
	y := make([]int64, n)
	t := make([]int64, n)
	for i := 0; i < n; i++ {
		fmt.Fscan(reader, &x[i], &y[i], &t[i])
	}
	// TODO: plan the deliveries
	fmt.Println(-1)
}

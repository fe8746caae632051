package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	var n int
	var lo, hi int64
	fmt.Fscan(reader, &n, &lo, &hi)
	w := make([]int64, n)
	for i := range w {
		fmt.Fscan(reader, &w[i])
	}
	// TODO: count the subsets whose weight is between lo and hi
	fmt.Println(0)
}

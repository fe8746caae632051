package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	var n, k int
	fmt.Fscan(reader, &n, &k)
	w := make([]int64, n)
	for i := range w {
		fmt.Fscan(reader, &w[i])
	}
	// TODO: find the smallest possible heaviest load
	fmt.Println(0)
}

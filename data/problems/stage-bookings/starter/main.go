package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	var n int
	var b int64
	fmt.Fscan(reader, &n, &b)
	s := make([]int64, n)
	e := make([]int64, n)
	p := make([]int64, n)
	for i := 0; i < n; i++ {
		fmt.Fscan(reader, &s[i], &e[i], &p[i])
	}
	// TODO: choose the best set of offers
	fmt.Println(0)
}

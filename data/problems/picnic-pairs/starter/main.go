package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	var n int
	var k int64
	fmt.Fscan(reader, &n, &k)
	w := make([]int64, n)
	for i := range w {
		fmt.Fscan(reader, &w[i])
	}
	// TODO: count the pairs that fit
	fmt.Println(0)
}

package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReaderSize(os.Stdin, 1<<20)
	var n, k int
	var s string
	fmt.Fscan(reader, &n, &k, &s)
	// TODO: find the cheapest palindromic k-periodic pattern
	fmt.Println(0)
	fmt.Println(s)
}

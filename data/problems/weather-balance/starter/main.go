package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReaderSize(os.Stdin, 1<<20)
	var n int
	var s string
	fmt.Fscan(reader, &n, &s)
	// TODO: count the balanced stretches
	_ = s
	fmt.Println(0)
}

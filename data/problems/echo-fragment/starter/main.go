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
	// TODO: find the longest fragment that occurs twice
	_ = s
	fmt.Println(0)
}

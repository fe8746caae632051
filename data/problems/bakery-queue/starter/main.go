package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	writer := bufio.NewWriter(os.Stdout)
	defer writer.Flush()
	var n int
	fmt.Fscan(reader, &n)
	t := make([]int64, n)
	s := make([]int64, n)
	p := make([]int64, n)
	for i := 0; i < n; i++ {
		fmt.Fscan(reader, &t[i], &s[i], &p[i])
	}
	// TODO: simulate the queue
	for i := 0; i < n; i++ {
		if i > 0 {
			fmt.Fprint(writer, " ")
		}
		fmt.Fprint(writer, -1)
	}
	fmt.Fprintln(writer)
	fmt.Fprintln(writer, 0)
}

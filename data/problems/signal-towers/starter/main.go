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
	h := make([]int64, n)
	for i := range h {
		fmt.Fscan(reader, &h[i])
	}
	// TODO: count the towers reached by every beam
	for i := 0; i < n; i++ {
		if i > 0 {
			fmt.Fprint(writer, " ")
		}
		fmt.Fprint(writer, 0)
	}
	fmt.Fprintln(writer)
}

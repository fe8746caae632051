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
	var n, q int
	fmt.Fscan(reader, &n, &q)
	c := make([]int64, n+1)
	for i := 1; i <= n; i++ {
		fmt.Fscan(reader, &c[i])
	}
	for k := 0; k < q; k++ {
		var l, r int
		var s int64
		fmt.Fscan(reader, &l, &r, &s)
		// TODO: answer the question
		fmt.Fprintln(writer, 0)
	}
}

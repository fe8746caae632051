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
	var n, m, q int
	fmt.Fscan(reader, &n, &m)
	u := make([]int, m)
	v := make([]int, m)
	for j := 0; j < m; j++ {
		fmt.Fscan(reader, &u[j], &v[j])
	}
	fmt.Fscan(reader, &q)
	e := make([]int, q)
	for i := range e {
		fmt.Fscan(reader, &e[i])
	}
	// TODO: count the groups after every closure
	for i := 0; i < q; i++ {
		fmt.Fprintln(writer, 0)
	}
}

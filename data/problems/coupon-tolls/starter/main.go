package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	var n, m, k int
	fmt.Fscan(reader, &n, &m, &k)
	u := make([]int, m)
	v := make([]int, m)
	c := make([]int64, m)
	for j := 0; j < m; j++ {
		fmt.Fscan(reader, &u[j], &v[j], &c[j])
	}
	// TODO: find the cheapest way from town 1 to town n
	fmt.Println(-1)
}

package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	var n, m int
	fmt.Fscan(reader, &n, &m)
	u := make([]int, m)
	v := make([]int, m)
	c := make([]int, m)
	f := make([]int, m)
	for j := 0; j < m; j++ {
		fmt.Fscan(reader, &u[j], &v[j], &c[j], &f[j])
	}
	// TODO: choose the cheapest set of proposed cables
	fmt.Println(-1)
}

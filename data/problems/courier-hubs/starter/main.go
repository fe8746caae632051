package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	var n, m int
	fmt.Fscan(reader, &n, &m)
	d := make([]int64, n+1)
	for i := 1; i <= n; i++ {
		fmt.Fscan(reader, &d[i])
	}
	u := make([]int, m)
	v := make([]int, m)
	w := make([]int64, m)
	for j := 0; j < m; j++ {
		fmt.Fscan(reader, &u[j], &v[j], &w[j])
	}
	// TODO: compute the fastest delivery to every hub
	out := make([]string, n)
	for i := range out {
		out[i] = "-1"
	}
	fmt.Println(strings.Join(out, " "))
}

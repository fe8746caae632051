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
	g := make([]int64, n+1)
	for i := 1; i <= n; i++ {
		fmt.Fscan(reader, &g[i])
	}
	adj := make([][]int, n+1)
	for j := 0; j < m; j++ {
		var a, b int
		fmt.Fscan(reader, &a, &b)
		adj[a] = append(adj[a], b)
	}
	// TODO: find the most gold the explorer can collect
	fmt.Println(0)
}

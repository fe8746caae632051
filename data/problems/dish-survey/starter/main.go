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
	a := make([]int64, n)
	for i := range a {
		fmt.Fscan(reader, &a[i])
	}
	// TODO: count the dishes and find the most popular one
	fmt.Println(0)
	fmt.Println(0)
	fmt.Println(0, 0)
}

package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	var n int
	fmt.Fscan(reader, &n)
	d := make([]int, n+1)
	for i := 1; i <= n; i++ {
		fmt.Fscan(reader, &d[i])
	}
	// TODO: follow the lantern and print the number of passes, LOST or FOREVER
	fmt.Println(0)
}

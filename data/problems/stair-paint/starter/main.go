package main

import (
	"bufio"
	"fmt"
	"os"
)

const MOD = 1000000007

func main() {
	reader := bufio.NewReader(os.Stdin)
	writer := bufio.NewWriter(os.Stdout)
	defer writer.Flush()
	var t int
	fmt.Fscan(reader, &t)
	for i := 0; i < t; i++ {
		var a, b uint64
		fmt.Fscan(reader, &a, &b)
		// TODO: compute the varnish needed for steps a..b modulo MOD
		fmt.Fprintln(writer, 0)
	}
}

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
	var q int
	fmt.Fscan(reader, &q)
	for i := 0; i < q; i++ {
		var op string
		fmt.Fscan(reader, &op)
		if op == "#" {
			var a, b int64
			fmt.Fscan(reader, &a, &b)
			// TODO: count the crates weighing between a and b
			fmt.Fprintln(writer, 0)
		} else {
			var x int64
			fmt.Fscan(reader, &x)
			if op == "?" {
				// TODO: the weight of the x-th lightest crate
				fmt.Fprintln(writer, -1)
			}
			// TODO: '+' and '-' change the shelf
		}
	}
}

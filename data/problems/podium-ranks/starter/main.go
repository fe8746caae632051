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
	var n int
	fmt.Fscan(reader, &n)
	names := make([]string, n)
	scores := make([]int64, n)
	for i := 0; i < n; i++ {
		fmt.Fscan(reader, &names[i], &scores[i])
	}
	// TODO: sort the climbers and assign ranks
	for i := 0; i < n; i++ {
		fmt.Fprintln(writer, 1, names[i], scores[i])
	}
}

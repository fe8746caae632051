package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	writer := bufio.NewWriter(os.Stdout)
	defer writer.Flush()
	var n int
	fmt.Fscan(reader, &n)
	words := make([]string, n)
	for i := range words {
		fmt.Fscan(reader, &words[i])
	}
	// TODO: remove the stutters
	fmt.Fprintln(writer, 0)
	fmt.Fprintln(writer, strings.Join(words, " "))
}

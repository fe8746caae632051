package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	reader := bufio.NewReaderSize(os.Stdin, 1<<20)
	var s string
	fmt.Fscan(reader, &s)
	// TODO: find the first bracket that is out of place
	_ = s
	fmt.Println("OK")
}

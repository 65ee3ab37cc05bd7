package servertest

import (
	"flag"
	"fmt"
	"runtime"
)

// RaiseParallel makes the package's parallel tests run at least n at a
// time unless -test.parallel was given: end-to-end tests mostly wait on
// other processes (tmux, the client, the server) and on the clock, so more
// of them than there are CPUs fit. Call it from TestMain after flag.Parse.
func RaiseParallel(n int) {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set && runtime.GOMAXPROCS(0) < n {
		flag.Set("test.parallel", fmt.Sprint(n))
	}
}

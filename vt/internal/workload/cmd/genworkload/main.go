// Command genworkload writes the deterministic terminal workloads that the
// vt benchmarks use.
//
// Usage:
//
//	genworkload [-size bytes] [-kind name] [-o file]
//
// With -o it writes one kind (default mix) to file ("-" for standard
// output). Without -o it fills the benchmark cache (bench-data/ at the
// module root, or -dir) with every kind, or only -kind, skipping files
// already there.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/roamterm/roam/vt/internal/workload"
)

func main() {
	size := flag.Int("size", 20<<20, "bytes per workload (at least)")
	kindName := flag.String("kind", "", "workload kind: ascii, utf8, sgr, fullscreen or mix (default: all, or mix with -o)")
	out := flag.String("o", "", `write one workload to this file ("-" for standard output)`)
	dir := flag.String("dir", "", "cache directory (default: bench-data/ at the module root)")
	flag.Parse()
	if err := run(*size, *kindName, *out, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "genworkload:", err)
		os.Exit(1)
	}
}

func run(size int, kindName, out, dir string) error {
	kinds := workload.Kinds()
	if kindName != "" {
		k, err := workload.ParseKind(kindName)
		if err != nil {
			return err
		}
		kinds = []workload.Kind{k}
	}
	if out != "" {
		kind := workload.Mix
		if kindName != "" {
			kind = kinds[0]
		}
		return writeOne(kind, size, out)
	}
	if dir == "" {
		var err error
		if dir, err = workload.DefaultDir(); err != nil {
			return err
		}
	}
	for _, k := range kinds {
		if _, err := workload.Load(dir, k, size); err != nil {
			return err
		}
		fmt.Println(filepath.Join(dir, workload.FileName(k, size)))
	}
	return nil
}

func writeOne(kind workload.Kind, size int, out string) error {
	if out == "-" {
		return workload.Generate(kind, size, os.Stdout)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := workload.Generate(kind, size, f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

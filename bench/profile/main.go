// Command profile runs one mnemo command under Go's profilers, since the
// mnemo binary has no profiling flags:
//
//	go run ./bench/profile -cpu cpu.out -mem mem.out -- add /tmp/vault
//	go tool pprof -top cpu.out
//
// Everything after the flags is mnemo's command line, run by cmd.Main as
// the binary runs it (same environment: MNEMO_DB, MNEMO_NOW…). The memory
// profile is written after the command ends (in-use and allocated space
// since the start: pprof -sample_index=alloc_space).
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/mnemo-dev/mnemo/cmd"
)

func main() {
	code, err := run(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func run(args []string) (int, error) {
	fs := flag.NewFlagSet("profile", flag.ContinueOnError)
	cpu := fs.String("cpu", "", "write a CPU profile to FILE")
	mem := fs.String("mem", "", "write a heap profile to FILE when the command ends")
	if err := fs.Parse(args); err != nil {
		return 0, err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 0, errors.New("usage: profile [-cpu FILE] [-mem FILE] -- MNEMO-ARGS...")
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return 0, err
		}
	}
	os.Args = append([]string{"mnemo"}, fs.Args()...)
	code := cmd.Main()
	if *cpu != "" {
		pprof.StopCPUProfile()
	}
	if *mem != "" {
		f, err := os.Create(*mem)
		if err != nil {
			return code, err
		}
		defer f.Close()
		runtime.GC()
		if err := pprof.WriteHeapProfile(f); err != nil {
			return code, err
		}
	}
	return code, nil
}

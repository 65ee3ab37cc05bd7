//go:build linux

package tty_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/server/sshdtest"
	"github.com/roamterm/roam/vt/vttest"
)

// timeToPrompt runs command in a new tmux pane and returns how long the
// remote shell's prompt took to show, then ends the session.
func timeToPrompt(b *testing.B, command string, typeahead ...string) time.Duration {
	b.Helper()
	start := time.Now()
	tm := vttest.StartTmux(b, vttest.TmuxOptions{Width: 80, Height: 24, Command: command})
	if len(typeahead) > 0 {
		if err := tm.SendKeys(typeahead...); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := tm.WaitForText(shellPrompt, 30*time.Second); err != nil {
		b.Fatal(err)
	}
	elapsed := time.Since(start)
	if err := tm.SendKeys("exit", "Enter"); err != nil {
		b.Fatal(err)
	}
	if _, err := tm.WaitForText(servertest.ExitStatusPrefix, 15*time.Second); err != nil {
		b.Fatal(err)
	}
	tm.Kill()
	return elapsed
}

// firstUpload is the time of the connect that uploaded roam-server to this
// user's cache for testVersion (TestMain removes it at the end).
var firstUpload time.Duration

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// BenchmarkConnect times "roam --tty host" from start to the remote
// shell's prompt on loopback, against Debian's mosh to the same sshd in
// the same run, interleaved: roam with its cached roam-server
// (--prefer-roam-server), roam with the host's mosh-server, and mosh.
// The first connect, which uploads roam-server, is reported on its own.
// Run with -benchtime=Nx; each iteration connects once with each.
func BenchmarkConnect(b *testing.B) {
	mosh, err := exec.LookPath("mosh")
	if err != nil {
		b.Fatal(servertest.MoshInstallHint)
	}
	moshClient, err := exec.LookPath("mosh-client")
	if err != nil || strings.HasPrefix(moshClient, bin) {
		// TestMain put roam first on PATH under that name: find Debian's.
		moshClient = "/usr/bin/mosh-client"
	}
	s := sshdtest.Start(b, sshdtest.Options{})
	home := sshHome(b, s.ConfigPath)
	q := servertest.ShellQuote
	roam := func(args ...string) string {
		return roamCommand(home, nil, append(append(args, s.HostAlias), remoteShell...)...)
	}
	moshCmd := fmt.Sprintf(`%s --client=%s --ssh=%s %s %s; echo "%s$? @@@"; exec sleep 86400`,
		q(mosh), q(moshClient), q("ssh -F "+s.ConfigPath), q(s.HostAlias), strings.Join(remoteShell, " "), servertest.ExitStatusPrefix)

	// The first connect of the process uploads (the consent is typed
	// ahead) and caches; later runs of the benchmark find the cache.
	if firstUpload == 0 {
		firstUpload = timeToPrompt(b, roam("--prefer-roam-server"), "y", "Enter")
	}
	upload := firstUpload
	st, err := os.Stat(filepath.Join(bin, "roam-server"))
	if err != nil {
		b.Fatal(err)
	}
	size := st.Size()

	variants := []struct {
		name    string
		command string
	}{
		{"roam-cached", roam("--prefer-roam-server")},
		{"roam-mosh-server", roam()},
		{"mosh", moshCmd},
	}
	times := make([][]time.Duration, len(variants))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := range variants {
			v := (i + k) % len(variants) // rotate who goes first
			times[v] = append(times[v], timeToPrompt(b, variants[v].command))
		}
	}
	b.StopTimer()

	roamMs, moshMs := ms(median(times[0])), ms(median(times[2]))
	b.ReportMetric(roamMs, "roam-cached-ms")
	b.ReportMetric(ms(median(times[1])), "roam-mosh-server-ms")
	b.ReportMetric(moshMs, "mosh-ms")
	b.ReportMetric(roamMs/moshMs, "roam/mosh")
	b.ReportMetric(ms(upload), "first-upload-ms")
	b.ReportMetric(float64(size)/1e6, "upload-MB")
	for k, v := range variants {
		b.Logf("%-17s median %6.0f ms  (%v)", v.name, ms(median(times[k])), times[k])
	}
	b.Logf("first connect, uploading %.1f MB: %v", float64(size)/1e6, upload.Round(time.Millisecond))
}

package daemon

import (
	"os"
	"strings"
)

// envMarker marks the re-executed child; its value is the argument Spawn
// was given.
const envMarker = "ROAM_SERVER_DETACHED"

// reportFD is the child's file descriptor of the report pipe: the first
// of exec.Cmd.ExtraFiles.
const reportFD = 3

// Detached reports whether this process was started by Spawn. If so it
// returns Spawn's argument and the Reporter to the parent, and removes the
// marker from the environment so that nothing started later inherits it.
func Detached() (arg string, rep *Reporter, ok bool) {
	arg, ok = os.LookupEnv(envMarker)
	if !ok {
		return "", nil, false
	}
	os.Unsetenv(envMarker)
	return arg, &Reporter{w: os.NewFile(reportFD, "daemon-report")}, true
}

// withMarker returns env without any marker entry, plus the marker set
// to arg.
func withMarker(env []string, arg string) []string {
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if !strings.HasPrefix(kv, envMarker+"=") {
			out = append(out, kv)
		}
	}
	return append(out, envMarker+"="+arg)
}

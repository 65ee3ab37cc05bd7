package tty

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/roamterm/roam/server/launch"
	"github.com/roamterm/roam/vt/predict"
)

// sshValueOptions are mosh's options that take a value, as "--name=VALUE",
// "--name VALUE", "-p VALUE" or "-pVALUE".
var sshValueOptions = map[string]bool{
	"--ssh-port": true, "-p": true, "--port": true, "--server": true,
	"--predict": true, "--family": true, "--bind-server": true,
	"--experimental-remote-ip": true, "--remote-ip": true,
}

// sshFlagOptions are mosh's options without a value, and Roam's own.
var sshFlagOptions = map[string]bool{
	"-a": true, "-n": true, "-o": true, "--predict-overwrite": true, "--no-init": true,
	"-4": true, "-6": true, "--prefer-roam-server": true,
	"--list-sessions": true, "--kill-sessions": true,
}

// predictModes are --predict's values, as mosh's.
var predictModes = map[string]predict.DisplayMode{
	"adaptive": predict.Adaptive, "always": predict.Always,
	"never": predict.Never, "experimental": predict.Experimental,
}

// sshOptions collects the options of the mosh wrapper's command line.
type sshOptions struct {
	target launch.Target

	predict    predict.DisplayMode
	predictSet bool
	overwrite  bool
	noInit     bool

	// hostOnly is the first option given that only means something when
	// reaching a host, for the complaint when there is none.
	hostOnly string
	// sessions is "--list-sessions" or "--kill-sessions", if given.
	sessions string
}

// set records option name with value (empty for a flag).
func (o *sshOptions) set(name, value string) error {
	switch name {
	case "--predict", "-a", "-n":
		mode := map[string]string{"-a": "always", "-n": "never"}[name]
		if mode == "" {
			mode = value
		}
		d, ok := predictModes[mode]
		if !ok {
			return fmt.Errorf("unknown prediction mode %q (adaptive, always, never or experimental)", value)
		}
		o.predict, o.predictSet = d, true
		return nil
	case "--predict-overwrite", "-o":
		o.overwrite = true
		return nil
	case "--no-init":
		o.noInit = true
		return nil
	case "--list-sessions", "--kill-sessions":
		if o.sessions != "" && o.sessions != name {
			return fmt.Errorf("--list-sessions and --kill-sessions exclude each other")
		}
		o.sessions = name
		return nil
	}
	if o.hostOnly == "" {
		o.hostOnly = name
	}
	t := &o.target
	switch name {
	case "--ssh-port":
		n, err := strconv.ParseUint(value, 10, 16)
		if err != nil || n == 0 {
			return fmt.Errorf("bad SSH port %q", value)
		}
		t.Port = int(n)
	case "-p", "--port":
		if !validPortRange(value) {
			return fmt.Errorf("bad UDP port or range %q (PORT or LOW:HIGH)", value)
		}
		t.PortRange = value
	case "--server":
		if value == "" {
			return fmt.Errorf("--server needs a command")
		}
		t.Server = value
	case "--family":
		switch f := launch.Family(value); f {
		case launch.FamilyAuto, launch.FamilyInet, launch.FamilyInet6:
			t.Family = f
		default:
			return fmt.Errorf("unknown address family %q (inet, inet6 or auto)", value)
		}
	case "-4":
		t.Family = launch.FamilyInet
	case "-6":
		t.Family = launch.FamilyInet6
	case "--bind-server":
		if value != "ssh" && value != "any" {
			if _, err := netip.ParseAddr(value); err != nil {
				return fmt.Errorf("--bind-server takes ssh, any or an IP address, not %q", value)
			}
		}
		t.BindServer = value
	case "--experimental-remote-ip", "--remote-ip":
		switch r := launch.RemoteIP(value); r {
		case launch.RemoteIPProxy, launch.RemoteIPLocal, launch.RemoteIPRemote:
			t.RemoteIP = r
		default:
			return fmt.Errorf("unknown remote-ip mode %q (proxy, local or remote)", value)
		}
	case "--prefer-roam-server":
		t.PreferRoamServer = true
	}
	return nil
}

// apply lets the command line's front-end options override the
// environment's, as the mosh wrapper does by setting mosh-client's
// variables.
func (o *sshOptions) apply(opts *Options) {
	if o.predictSet {
		opts.Predict.Display, opts.PredictSet = o.predict, true
	}
	if o.overwrite {
		opts.Predict.Overwrite = true
	}
	if o.noInit {
		opts.NoTermInit = true
	}
}

// validPortRange accepts "PORT" and "LOW:HIGH" with 0 < LOW <= HIGH.
func validPortRange(s string) bool {
	lo, hi, isRange := strings.Cut(s, ":")
	if !isRange {
		hi = lo
	}
	l, err1 := strconv.ParseUint(lo, 10, 16)
	h, err2 := strconv.ParseUint(hi, 10, 16)
	return err1 == nil && err2 == nil && l > 0 && l <= h
}

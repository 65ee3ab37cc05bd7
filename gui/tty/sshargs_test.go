package tty_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/roamterm/roam/gui/tty"
	"github.com/roamterm/roam/server/launch"
	"github.com/roamterm/roam/vt/predict"
)

func TestParseSSHOptions(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		env    func(string) (string, bool)
		action tty.Action
		target launch.Target
		pids   []int
		opts   func(tty.Options) bool
	}{
		{"every value form", []string{"--ssh-port=2222", "-p", "60001:60010", "--server", "~/bin/mosh-server",
			"--family=inet6", "--bind-server=any", "--experimental-remote-ip", "local", "--prefer-roam-server", "u@h", "--", "top"},
			env(), tty.ActionSSH, launch.Target{Host: "u@h", Port: 2222, PortRange: "60001:60010", Server: "~/bin/mosh-server",
				Family: launch.FamilyInet6, BindServer: "any", RemoteIP: launch.RemoteIPLocal, PreferRoamServer: true, Command: []string{"top"}}, nil, nil},
		{"short forms", []string{"-p60001", "-4", "--remote-ip=remote", "--bind-server", "127.0.0.2", "h"},
			env(), tty.ActionSSH, launch.Target{Host: "h", PortRange: "60001", Family: launch.FamilyInet, RemoteIP: launch.RemoteIPRemote, BindServer: "127.0.0.2"}, nil, nil},
		{"--predict overrides the environment", []string{"--predict=never", "-o", "--no-init", "h"},
			env("MOSH_PREDICTION_DISPLAY", "always"), tty.ActionSSH, launch.Target{Host: "h"}, nil,
			func(o tty.Options) bool {
				return o.Predict == predict.Options{Display: predict.Never, Overwrite: true} && o.PredictSet && o.NoTermInit
			}},
		{"-a", []string{"-a", "h"}, env(), tty.ActionSSH, launch.Target{Host: "h"}, nil,
			func(o tty.Options) bool { return o.Predict.Display == predict.Always }},
		{"-n", []string{"-n", "h"}, env(), tty.ActionSSH, launch.Target{Host: "h"}, nil,
			func(o tty.Options) bool { return o.Predict.Display == predict.Never }},
		{"list", []string{"--ssh-port", "22", "--list-sessions", "me@h"}, env(), tty.ActionListSessions, launch.Target{Host: "me@h", Port: 22}, nil, nil},
		{"kill some", []string{"--kill-sessions", "h", "123", "456"}, env(), tty.ActionKillSessions, launch.Target{Host: "h"}, []int{123, 456}, nil},
		{"kill all", []string{"--kill-sessions", "h"}, env(), tty.ActionKillSessions, launch.Target{Host: "h"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, err := tty.ParseArgs("roam", tt.args, tt.env)
			if err != nil {
				t.Fatal(err)
			}
			if inv.Action != tt.action || !slices.Equal(inv.PIDs, tt.pids) {
				t.Errorf("action %v pids %v, want %v %v", inv.Action, inv.PIDs, tt.action, tt.pids)
			}
			got, want := inv.Target, tt.target
			if !slices.Equal(got.Command, want.Command) {
				t.Errorf("command %q, want %q", got.Command, want.Command)
			}
			got.Command, want.Command = nil, nil
			if got.Host != want.Host || got.Port != want.Port || got.PortRange != want.PortRange || got.Server != want.Server ||
				got.Family != want.Family || got.BindServer != want.BindServer || got.RemoteIP != want.RemoteIP ||
				got.PreferRoamServer != want.PreferRoamServer {
				t.Errorf("target %+v\nwant   %+v", got, want)
			}
			if tt.opts != nil && !tt.opts(inv.Options) {
				t.Errorf("options %+v", inv.Options)
			}
		})
	}
}

func TestParseSSHOptionErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--ssh-port=0", "h"},
		{"--ssh-port=ssh", "h"},
		{"-p", "70000", "h"},
		{"-p", "60010:60001", "h"},
		{"--port"},
		{"--predict=sometimes", "h"},
		{"--family=ipx", "h"},
		{"--bind-server=somewhere", "h"},
		{"--experimental-remote-ip=nat", "h"},
		{"--server=", "h"},
		{"-p", "60001"},                      // needs a host
		{"--ssh-port=22", "--local"},         // needs a host
		{"--list-sessions"},                  // needs a host
		{"--list-sessions", "h", "123"},      // takes no pids
		{"--kill-sessions", "h", "1x"},       // not a pid
		{"--kill-sessions", "h", "--", "ls"}, // no command
		{"--list-sessions", "--kill-sessions", "h"},
	} {
		_, err := tty.ParseArgs("roam", args, env())
		if e, ok := tty.IsExit(err); !ok || e.Code != 1 || !strings.Contains(e.Message, "Usage:") {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
}

// The help names every option the parser accepts.
func TestUsageListsOptions(t *testing.T) {
	usage := tty.Usage("roam")
	for _, opt := range []string{"--ssh-port", "-p, --port", "--server", "--predict=", "-a is always", "-n never",
		"-o, --predict-overwrite", "--family", "-4, -6", "--bind-server", "--experimental-remote-ip", "--remote-ip",
		"--no-init", "--prefer-roam-server", "--tty", "--local", "--list-sessions", "--kill-sessions",
		"--help", "--version", "-#", "-v", "-c"} {
		if !strings.Contains(usage, opt) {
			t.Errorf("usage does not mention %s", opt)
		}
	}
}

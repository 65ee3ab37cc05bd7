package gui

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/roamterm/roam/gui/tty"
	"github.com/roamterm/roam/server/launch"
)

// fakeLaunch stands for launch.Launcher.Connect: run is called with the
// target and the window's callbacks on launch's goroutine.
type fakeLaunch struct {
	targets chan launch.Target
	run     func(ctx context.Context, ui launch.Callbacks) (launch.Result, error)
}

func (f *fakeLaunch) start(ctx context.Context, t launch.Target, ui launch.Callbacks) (launch.Result, error) {
	f.targets <- t
	return f.run(ctx, ui)
}

func newFake(run func(ctx context.Context, ui launch.Callbacks) (launch.Result, error)) *fakeLaunch {
	return &fakeLaunch{targets: make(chan launch.Target, 4), run: run}
}

// TestConnectQuestions drives every question launch can ask through the
// window's dialogs and checks the answers that come back.
func TestConnectQuestions(t *testing.T) {
	answers := make(chan string, 8)
	release := make(chan error)
	fake := newFake(func(ctx context.Context, ui launch.Callbacks) (launch.Result, error) {
		d, err := ui.UnknownHost(ctx, launch.UnknownHostQuestion{Host: "[127.0.0.1]:2222", KeyType: "ssh-ed25519",
			Fingerprint: "SHA256:abcdefFINGERPRINT", KnownHosts: "/home/u/.ssh/known_hosts"})
		answers <- fmtAnswer("host", int(d), err)
		p, err := ui.Passphrase(ctx, launch.PassphraseQuestion{KeyPath: "/home/u/.ssh/id_ed25519", Attempt: 1})
		answers <- fmtAnswer("passphrase "+p, 0, err)
		p, err = ui.Password(ctx, launch.PasswordQuestion{User: "me", Host: "box", Attempt: 2})
		answers <- fmtAnswer("password "+p, 0, err)
		ki, err := ui.KeyboardInteractive(ctx, launch.Challenge{User: "me", Host: "box", Instruction: "2FA",
			Questions: []launch.ChallengeQuestion{{Prompt: "Code: ", Echo: true}, {Prompt: "PIN: "}}})
		answers <- fmtAnswer("ki "+strings.Join(ki, ","), 0, err)
		ok, err := ui.UploadConsent(ctx, launch.UploadQuestion{Host: "box", Platform: "linux/arm64", Size: 4_200_000})
		answers <- fmtAnswer("upload", boolInt(ok), err)
		ui.Progress(0, 100)
		ui.Progress(50, 100)
		answers <- "progress"
		<-release
		ui.Progress(100, 100)
		ui.Notice("box has no UTF-8 locale; retrying with C.UTF-8.")
		return launch.Result{}, <-release
	})
	a := testApp(t, Options{Launch: fake.start})
	w := a.connect(hostDestination(launch.Target{Host: "me@box"}))
	if got := <-fake.targets; got.Host != "me@box" {
		t.Errorf("target %+v", got)
	}
	win := w.win

	waitDialog(t, win, "SHA256:abcdefFINGERPRINT")
	if text := overlayText(win); !strings.Contains(text, "ssh-ed25519") || !strings.Contains(text, "/home/u/.ssh/known_hosts") {
		t.Errorf("host key dialog:\n%s", text)
	}
	test.Tap(button(t, win, acceptOnceLabel))
	expect(t, answers, "host 1 <nil>")

	waitDialog(t, win, "passphrase of /home/u/.ssh/id_ed25519")
	secret := entries(win)
	if len(secret) != 1 || !secret[0].Password {
		t.Fatalf("passphrase dialog has entries %v, want one password entry", secret)
	}
	test.Type(secret[0], "s3cret")
	secret[0].OnSubmitted(secret[0].Text) // Enter
	expect(t, answers, "passphrase s3cret 0 <nil>")

	waitDialog(t, win, "Wrong password. Enter the password of me on box.")
	test.Tap(button(t, win, "Cancel"))
	expect(t, answers, "password  0 "+ErrCancelled.Error())

	waitDialog(t, win, "2FA")
	es := entries(win)
	if len(es) != 2 || es[0].Password || !es[1].Password {
		t.Fatalf("challenge entries: want a shown one then a masked one, got %d", len(es))
	}
	test.Type(es[0], "123456")
	test.Type(es[1], "0000")
	test.Tap(button(t, win, "OK"))
	expect(t, answers, "ki 123456,0000 0 <nil>")

	waitDialog(t, win, "linux/arm64, 4.2 MB")
	test.Tap(button(t, win, "Copy and connect"))
	expect(t, answers, "upload 1 <nil>")

	expect(t, answers, "progress")
	waitDialog(t, win, "Uploading the server")
	if v := w.progressBar.Value; v != 0.5 {
		t.Errorf("progress bar at %v, want 0.5", v)
	}
	release <- nil
	waitFor(t, func() bool { return w.progress == nil && strings.Contains(w.view.Frame().Banner, "C.UTF-8") })

	unreachable := &launch.HostUnreachableError{Host: "box:22", Err: errors.New("connection refused")}
	release <- unreachable
	waitDialog(t, win, "Roam could not connect")
	if text := overlayText(win); !strings.Contains(text, unreachable.Help()) {
		t.Errorf("the diagnosis dialog lacks the Help paragraph:\n%s", text)
	}
	if b := w.view.Frame().Banner; !strings.Contains(b, "box:22") {
		t.Errorf("banner %q does not name the failure", b)
	}
}

// fmtAnswer renders an answer the test expects: what, a number, the error.
func fmtAnswer(s string, n int, err error) string {
	return fmt.Sprintf("%s %d %v", s, n, err)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func expect(t *testing.T, ch <-chan string, want string) {
	t.Helper()
	select {
	case got := <-ch:
		if got != want {
			t.Fatalf("answer %q, want %q", got, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no answer; want %q", want)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5 s")
		}
	}
}

// TestHostKeyChanged: a changed key gets the alarming dialog, not the
// ordinary diagnosis.
func TestHostKeyChanged(t *testing.T) {
	fake := newFake(func(context.Context, launch.Callbacks) (launch.Result, error) {
		return launch.Result{}, &launch.HostKeyChangedError{Host: "[127.0.0.1]:2222", KeyType: "ssh-ed25519",
			Fingerprint: "SHA256:NEWKEY", Known: []string{"/k:1"}}
	})
	a := testApp(t, Options{Launch: fake.start})
	w := a.connect(hostDestination(launch.Target{Host: "box"}))
	waitDialog(t, w.win, "REMOTE HOST IDENTIFICATION HAS CHANGED!")
	if text := overlayText(w.win); !strings.Contains(text, "SHA256:NEWKEY") || strings.Contains(text, "Roam could not connect") {
		t.Errorf("host key changed dialog:\n%s", text)
	}
}

// TestUDPBlocked: a server that started but never answers over UDP ends
// in the UDP-blocked diagnosis, naming its port.
func TestUDPBlocked(t *testing.T) {
	// A UDP socket that swallows everything stands for a firewalled
	// server.
	sink, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	addr := sink.LocalAddr().(*net.UDPAddr).AddrPort()
	saved := firstContact
	firstContact = 300 * time.Millisecond
	defer func() { firstContact = saved }()

	fake := newFake(func(context.Context, launch.Callbacks) (launch.Result, error) {
		return launch.Result{Addr: netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), addr.Port())}, nil
	})
	a := testApp(t, Options{Launch: fake.start})
	w := a.connect(hostDestination(launch.Target{Host: "me@box", Port: 2222}))
	waitDialog(t, w.win, "Roam could not connect")
	want := (&launch.UDPBlockedError{Addr: netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), addr.Port()), Waited: firstContact}).Error()
	if text := overlayText(w.win); !strings.Contains(text, want) {
		t.Errorf("dialog lacks %q:\n%s", want, text)
	}
	// The connection was made, so it is a recent one.
	if r := a.store.Recent(); len(r) != 1 || r[0].Target != "ssh://me@box:2222" {
		t.Errorf("recent connections %+v, want ssh://me@box:2222", r)
	}
}

// TestDestinationOf: bookmark files and ssh URLs in place of a host.
func TestDestinationOf(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/x.roam"
	writeFile(t, file, "version = 1\nname = \"Test box\"\nhost = \"127.0.0.1\"\nuser = \"me\"\nport = 2200\ncommand = [\"/bin/bash\", \"--norc\"]\npredict = \"never\"\n")
	parse := func(args ...string) tty.Invocation {
		inv, err := tty.ParseArgs("roam", args, noEnv)
		if err != nil || inv.Action != tty.ActionSSH {
			t.Fatalf("ParseArgs %q: %v, %v", args, inv.Action, err)
		}
		return inv
	}
	d, err := destinationOf(parse(file))
	if err != nil {
		t.Fatal(err)
	}
	if d.target.Host != "me@127.0.0.1" || d.target.Port != 2200 || strings.Join(d.target.Command, " ") != "/bin/bash --norc" ||
		d.title != "Test box" || d.recent != file || d.predict != "never" {
		t.Errorf("bookmark file: %+v", d)
	}
	d, err = destinationOf(parse("ssh://me@example.com:2222"))
	if err != nil || d.target.Host != "me@example.com" || d.target.Port != 2222 || d.recent != "ssh://me@example.com:2222" {
		t.Errorf("ssh URL: %+v, %v", d, err)
	}
	d, err = destinationOf(parse("--ssh-port=2022", "me@host", "--", "top"))
	if err != nil || d.target.Host != "me@host" || d.target.Port != 2022 || d.target.Command[0] != "top" || d.recent != "ssh://me@host:2022" {
		t.Errorf("host: %+v, %v", d, err)
	}
	writeFile(t, dir+"/bad.roam", "version = 1\nhost = \"h\"\nport = 70000\n")
	if _, err := destinationOf(parse(dir + "/bad.roam")); err == nil || !strings.Contains(err.Error(), "bad.roam:3") {
		t.Errorf("a broken bookmark gives %v, want its file and line", err)
	}
}

// TestConnectForm: the Connect… dialog connects to what was typed.
func TestConnectForm(t *testing.T) {
	fake := newFake(func(context.Context, launch.Callbacks) (launch.Result, error) {
		return launch.Result{}, ErrCancelled
	})
	a := testApp(t, Options{Launch: fake.start})
	win := a.fyne.NewWindow("parent")
	f := a.showConnectForm(win)
	test.Type(f.host, "box")
	test.Type(f.user, "me")
	test.Type(f.port, "99999")
	if f.port.Validate() == nil {
		t.Error("port 99999 accepted")
	}
	f.port.SetText("2222")
	test.Type(f.command, "tmux new -A")
	f.dialog.Submit()
	got := <-fake.targets
	if got.Host != "box" || got.User != "me" || got.Port != 2222 || strings.Join(got.Command, " ") != "tmux new -A" {
		t.Errorf("target %+v", got)
	}
}

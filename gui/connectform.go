package gui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/roamterm/roam/server/launch"
)

// connectForm is the Connect… dialog: a host, with the user, SSH port
// and command roam's command line would take.
type connectForm struct {
	host, user, port, command *widget.Entry
	dialog                    *dialog.FormDialog
}

// showConnectForm opens the connect dialog over win; submitting it
// connects in a new window.
func (a *App) showConnectForm(win fyne.Window) *connectForm {
	f := &connectForm{host: widget.NewEntry(), user: widget.NewEntry(), port: widget.NewEntry(), command: widget.NewEntry()}
	f.host.SetPlaceHolder("host, user@host or ssh_config alias")
	f.host.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("a host is needed")
		}
		return nil
	}
	f.user.SetPlaceHolder("from ssh_config, or your login")
	f.port.SetPlaceHolder("22")
	f.port.Validator = validPort
	f.command.SetPlaceHolder("login shell")
	f.dialog = dialog.NewForm("Connect", "Connect", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Host", f.host),
		widget.NewFormItem("User", f.user),
		widget.NewFormItem("SSH port", f.port),
		widget.NewFormItem("Command", f.command),
	}, func(ok bool) {
		if ok {
			a.connect(hostDestination(f.target()))
		}
	}, win)
	for _, e := range []*widget.Entry{f.host, f.user, f.port, f.command} {
		e.OnSubmitted = func(string) { f.dialog.Submit() }
	}
	f.dialog.Resize(fyne.NewSize(460, f.dialog.MinSize().Height))
	f.dialog.Show()
	win.Canvas().Focus(f.host)
	return f
}

// target is what the form asks for.
func (f *connectForm) target() launch.Target {
	port, _ := strconv.Atoi(strings.TrimSpace(f.port.Text))
	return launch.Target{
		Host:    strings.TrimSpace(f.host.Text),
		User:    strings.TrimSpace(f.user.Text),
		Port:    port,
		Command: strings.Fields(f.command.Text),
	}
}

// validPort accepts an empty port (the default) or 1 to 65535.
func validPort(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if n, err := strconv.Atoi(s); err != nil || n < 1 || n > 65535 {
		return errors.New("a port is 1 to 65535")
	}
	return nil
}

package sshdtest

import (
	"os/exec"
	"os/user"
	"strings"
	"testing"
)

// AddUser creates a throwaway local user with a home directory and the given
// password, for password logins, and deletes the user and home on Cleanup.
// It needs root; the name must not exist yet.
func AddUser(t testing.TB, name, password string) {
	t.Helper()
	requireRoot(t, "AddUser")
	requireTools(t, "useradd", "chpasswd", "userdel")
	if _, err := user.Lookup(name); err == nil {
		t.Fatalf("sshdtest: AddUser: user %q already exists", name)
	}
	run(t, "useradd", "--create-home", "--shell", "/bin/sh", name)
	t.Cleanup(func() {
		// --force: the test may leave processes of this user behind.
		if out, err := exec.Command("userdel", "--remove", "--force", name).CombinedOutput(); err != nil {
			t.Errorf("sshdtest: userdel %s: %v\n%s", name, err, out)
		}
	})
	cmd := exec.Command("chpasswd")
	cmd.Stdin = strings.NewReader(name + ":" + password + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sshdtest: chpasswd for %s: %v\n%s", name, err, out)
	}
}

package launch

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/roamterm/roam/server/bundle"
)

// progressChunk is how much is sent between progress reports.
const progressChunk = 64 << 10

// upload copies the bundled server for the host's platform into its cache,
// after the user's consent.
func (l *Launcher) upload(ctx context.Context, conn *sshConn, servers []bundle.Server, system, machine string) error {
	host := conn.cfg.alias
	platform, ok := platformFor(system, machine)
	if !ok {
		return &UnsupportedPlatformError{Host: host, System: system, Machine: machine}
	}
	var server *bundle.Server
	var available []bundle.Platform
	for i, s := range servers {
		available = append(available, s.Platform)
		if s.Platform == platform {
			server = &servers[i]
		}
	}
	if server == nil {
		return &ServerNotFoundError{Host: host, Bundle: &bundle.NotBundledError{Platform: platform, Available: available}}
	}

	store, err := l.consents()
	if err != nil {
		return err
	}
	consentKey := net.JoinHostPort(conn.cfg.hostName, strconv.Itoa(conn.cfg.port))
	if !store.allowed(consentKey) {
		agreed := false
		if l.UI.UploadConsent != nil {
			agreed, err = l.UI.UploadConsent(ctx, UploadQuestion{Host: host, Platform: platform.String(), Size: server.Size})
			if err != nil {
				return err
			}
		}
		if !agreed {
			return &ServerNotFoundError{Host: host, Declined: true}
		}
		if err := store.allow(consentKey, time.Now()); err != nil {
			l.UI.notice(fmt.Sprintf("Roam could not remember the upload consent: %v", err))
		}
	}
	l.UI.notice(fmt.Sprintf("Uploading roam-server for %s to %s (%d bytes).", platform, host, server.Size))
	return l.send(ctx, conn, *server)
}

// send streams the server into the upload script.
func (l *Launcher) send(ctx context.Context, conn *sshConn, server bundle.Server) error {
	host := conn.cfg.alias
	entry := cacheEntry(server)
	path := "~/.cache/roam/" + l.version() + "/" + entry.name
	fail := func(reason string, out []byte) error {
		return &UploadError{Host: host, Path: path, Reason: reason, Output: strings.TrimSpace(string(out))}
	}
	var suffix [8]byte
	if _, err := rand.Read(suffix[:]); err != nil {
		return err
	}

	sess, err := conn.NewSession()
	if err != nil {
		return fail(err.Error(), nil)
	}
	defer sess.Close()
	stop := context.AfterFunc(ctx, func() { sess.Close() })
	defer stop()
	var out limitedBuffer
	sess.Stdout, sess.Stderr = &out, &out
	stdin, err := sess.StdinPipe()
	if err != nil {
		return fail(err.Error(), nil)
	}
	if err := sess.Start(plainCommand(uploadScript(l.version(), entry, hex.EncodeToString(suffix[:])))); err != nil {
		return fail(err.Error(), nil)
	}
	src, err := server.Open()
	if err != nil {
		return fail(err.Error(), nil)
	}
	defer src.Close()
	_, copyErr := io.Copy(&progressWriter{w: stdin, total: server.Size, report: l.UI.Progress}, src)
	stdin.Close()
	waitErr := sess.Wait()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	result := out.Bytes()
	switch {
	case bytes.Contains(result, []byte("ROAM UPLOADED ")):
		return nil
	case bytes.Contains(result, []byte("ROAM NOSUM")):
		return fail("the host has no sha256sum, shasum, sha256 or openssl to check the copy", result)
	case bytes.Contains(result, []byte("ROAM BADSUM")):
		return fail("the copy on the host does not match (SHA-256 differs)", result)
	case copyErr != nil:
		return fail(copyErr.Error(), result)
	case waitErr != nil:
		return fail(waitErr.Error(), result)
	}
	return fail("the upload script did not confirm", result)
}

// progressWriter reports every progressChunk bytes written, and the end.
type progressWriter struct {
	w        io.Writer
	total    int64
	sent     int64
	reported int64
	report   func(sent, total int64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.sent += int64(n)
	if p.report != nil && (p.sent-p.reported >= progressChunk || p.sent == p.total) {
		p.reported = p.sent
		p.report(p.sent, p.total)
	}
	return n, err
}

// limitedBuffer keeps the first maxOutput bytes written to it.
type limitedBuffer struct {
	buf bytes.Buffer
}

const maxOutput = 64 << 10

func (b *limitedBuffer) Write(p []byte) (int, error) {
	room := maxOutput - b.buf.Len()
	if room <= 0 {
		return len(p), nil // drop, but do not fail the remote command
	}
	if len(p) > room {
		b.buf.Write(p[:room])
		return len(p), nil
	}
	return b.buf.Write(p)
}

func (b *limitedBuffer) Bytes() []byte { return b.buf.Bytes() }

package launch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

const (
	// defaultConnectTimeout bounds the TCP connect when ssh_config has no
	// ConnectTimeout.
	defaultConnectTimeout = 15 * time.Second
	// maxJumpDepth stops ProxyJump loops in ssh_config.
	maxJumpDepth = 8
)

// sshConn is an authenticated SSH connection, possibly through jump hosts.
type sshConn struct {
	*ssh.Client
	cfg *hostConfig
	// peer is the address the TCP connection reached, if this client made
	// it; invalid through ProxyJump or ProxyCommand.
	peer netip.Addr
	via  *sshConn // the jump host's connection, closed after this one
}

func (c *sshConn) Close() error {
	err := c.Client.Close()
	if c.via != nil {
		c.via.Close()
	}
	return err
}

// connector opens SSH connections for one Connect.
type connector struct {
	ctx    context.Context
	ui     *Callbacks
	config *sshConfig
	family Family
	// resolveHere makes direct connections go to an address resolved here
	// (RemoteIPLocal) rather than to the name.
	resolveHere bool
}

// dial connects and authenticates to cfg's host, through its ProxyJump
// hosts or ProxyCommand if it has them.
func (c *connector) dial(cfg *hostConfig, depth int) (*sshConn, error) {
	if depth > maxJumpDepth {
		return nil, fmt.Errorf("launch: more than %d ProxyJump hops to %s (a loop in ssh_config?)", maxJumpDepth, cfg.alias)
	}
	if len(cfg.proxyJump) > 0 {
		// The first jump host is reached as ssh would reach it, with its
		// own configuration; later ones, and the target, through the
		// previous hop.
		var via *sshConn
		for i, spec := range cfg.proxyJump {
			hop, err := c.resolveJump(spec)
			if err != nil {
				if via != nil {
					via.Close()
				}
				return nil, err
			}
			var next *sshConn
			if i == 0 {
				next, err = c.dial(hop, depth+1)
			} else {
				next, err = c.dialVia(via, hop)
			}
			if err != nil {
				return nil, err
			}
			via = next
		}
		return c.dialVia(via, cfg)
	}

	addr := net.JoinHostPort(cfg.hostName, strconv.Itoa(cfg.port))
	if cfg.proxyCommand != "" {
		raw, err := startProxyCommand(c.ctx, cfg.proxyCommand)
		if err != nil {
			return nil, &HostUnreachableError{Host: "ProxyCommand " + cfg.proxyCommand, Err: err}
		}
		return c.handshake(raw, cfg, netip.Addr{})
	}
	if c.resolveHere {
		ip, err := resolve(c.ctx, cfg.hostName, c.family)
		if err != nil {
			return nil, &HostUnreachableError{Host: addr, Err: err}
		}
		addr = net.JoinHostPort(ip.String(), strconv.Itoa(cfg.port))
	}
	timeout := cfg.connectTimeout
	if timeout == 0 {
		timeout = defaultConnectTimeout
	}
	d := net.Dialer{Timeout: timeout}
	raw, err := d.DialContext(c.ctx, c.family.network("tcp"), addr)
	if err != nil {
		return nil, &HostUnreachableError{Host: addr, Err: err}
	}
	var peer netip.Addr
	if ta, ok := raw.RemoteAddr().(*net.TCPAddr); ok {
		peer = ta.AddrPort().Addr().Unmap()
	}
	return c.handshake(raw, cfg, peer)
}

// dialVia connects to cfg's host through the jump host via; the returned
// connection owns via. On error via is closed.
func (c *connector) dialVia(via *sshConn, cfg *hostConfig) (*sshConn, error) {
	addr := net.JoinHostPort(cfg.hostName, strconv.Itoa(cfg.port))
	raw, err := via.DialContext(c.ctx, "tcp", addr)
	if err != nil {
		via.Close()
		return nil, &HostUnreachableError{Host: addr + " (via " + via.cfg.alias + ")", Err: err}
	}
	conn, err := c.handshake(raw, cfg, netip.Addr{})
	if err != nil {
		via.Close()
		return nil, err
	}
	conn.via = via
	return conn, nil
}

// resolveJump reads a ProxyJump entry: [user@]host[:port] or
// ssh://[user@]host[:port].
func (c *connector) resolveJump(spec string) (*hostConfig, error) {
	spec = strings.TrimPrefix(spec, "ssh://")
	user, hostport := splitUserHost(spec)
	host, port := hostport, 0
	if h, p, err := net.SplitHostPort(hostport); err == nil {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return nil, fmt.Errorf("launch: bad ProxyJump port in %q", spec)
		}
		host, port = h, n
	}
	if user != "" {
		host = user + "@" + host
	}
	return c.config.resolve(host, "", port)
}

// handshake runs SSH's key exchange, host key check and authentication
// over raw. raw is closed on error.
func (c *connector) handshake(raw net.Conn, cfg *hostConfig, peer netip.Addr) (*sshConn, error) {
	addr := net.JoinHostPort(cfg.hostName, strconv.Itoa(cfg.port))
	hk, err := newHostKeys(c.ctx, cfg, c.ui)
	if err != nil {
		raw.Close()
		return nil, err
	}
	auth := newAuthenticator(c.ctx, cfg, c.ui)
	defer auth.Close()
	config := &ssh.ClientConfig{
		User:              cfg.user,
		Auth:              auth.methods(),
		HostKeyCallback:   hk.check,
		HostKeyAlgorithms: hk.algorithms(),
	}
	// NewClientConn takes no context: closing the connection stops it.
	stop := context.AfterFunc(c.ctx, func() { raw.Close() })
	defer stop()
	sc, chans, reqs, err := ssh.NewClientConn(raw, addr, config)
	if err != nil {
		raw.Close()
		var changed *HostKeyChangedError
		var unknown *HostKeyUnknownError
		switch {
		case errors.As(err, &changed):
			return nil, changed
		case errors.As(err, &unknown):
			return nil, unknown
		case c.ctx.Err() != nil:
			return nil, c.ctx.Err()
		case strings.Contains(err.Error(), "unable to authenticate"):
			return nil, &AuthFailedError{User: cfg.user, Host: cfg.alias, Tried: auth.tried, Keys: auth.keys, Err: err}
		}
		return nil, fmt.Errorf("launch: SSH to %s: %w", addr, err)
	}
	return &sshConn{Client: ssh.NewClient(sc, chans, reqs), cfg: cfg, peer: peer}, nil
}

// resolve looks name up here and returns its first address of family.
func resolve(ctx context.Context, name string, family Family) (netip.Addr, error) {
	if ip, err := netip.ParseAddr(name); err == nil {
		return ip.Unmap(), nil
	}
	ips, err := net.DefaultResolver.LookupNetIP(ctx, family.network("ip"), name)
	if err != nil {
		return netip.Addr{}, err
	}
	if len(ips) == 0 {
		return netip.Addr{}, fmt.Errorf("launch: %s has no address", name)
	}
	if family == "" || family == FamilyAuto {
		// mosh's default, prefer-inet.
		for _, ip := range ips {
			if ip.Unmap().Is4() {
				return ip.Unmap(), nil
			}
		}
	}
	return ips[0].Unmap(), nil
}

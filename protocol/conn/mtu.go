package conn

import (
	"errors"
	"net/netip"
	"syscall"

	"github.com/roamterm/roam/protocol/datagram"
)

// mtuFor returns the datagram size limit for traffic of addr's family.
func mtuFor(addr netip.Addr) int {
	if addr.Unmap().Is4() {
		return ipv4MTU
	}
	return ipv6MTU
}

// maxPayload is the fragment size (header included) that fits in mtu.
func maxPayload(mtu int) int { return mtu - datagram.Overhead }

// sendFailed returns the MTU to use after a failed send: the fallback if
// the datagram was too big for the path, else mtu unchanged.
func sendFailed(err error, mtu int) int {
	if errors.Is(err, syscall.EMSGSIZE) {
		return fallbackMTU
	}
	return mtu
}

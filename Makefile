# Roam's build. `make help` lists the targets. Every target that builds or
# tests first runs packaging/install-deps.sh, which installs (as root) or
# names (otherwise) the system packages that are missing.

SHELL := /bin/bash
.DEFAULT_GOAL := help

export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin
export LANG := C.UTF-8
export LC_ALL := C.UTF-8
GO ?= go

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X github.com/roamterm/roam/server/version.Version=$(VERSION)

# Packages whose tests also run under the race detector: the concurrent
# protocol and session code. GUI packages are left out (a race build of
# Fyne's GL code costs minutes and tests nothing of ours).
RACE_PKGS := ./protocol/...

FUZZTIME ?= 30s

# Static analysis and vulnerability tools, pinned, installed into bin/tools
# from the Go module proxy on first use (staticcheck 2026.1 knows Go 1.26).
TOOLS := $(CURDIR)/bin/tools
STATICCHECK_VERSION := v0.7.0
GOVULNCHECK_VERSION := v1.9.0

# Packages staticcheck checks in make check: all of them.
STATICCHECK_PKGS := ./...

.PHONY: help deps bundle build run test check bench fuzz soak vuln clean

help: ## list the targets
	@echo "Roam — a mobile shell. Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 20
	@echo "Variables: FUZZTIME=$(FUZZTIME) (per fuzz target), VERSION=$(VERSION)"

deps: ## install missing system packages (apt-get as root; prints the command otherwise)
	@./packaging/install-deps.sh

# The roam-server builds the app embeds (server/bundle) and uploads to hosts
# that have no server. GOARM=6 also runs on ARMv7 and ARMv8 in 32-bit mode.
BUNDLE_PLATFORMS := linux/amd64 linux/arm64 linux/arm linux/386 darwin/amd64 darwin/arm64 freebsd/amd64

bundle: ## cross-build the static roam-server binaries the app embeds
	@set -e; for p in $(BUNDLE_PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; echo "roam-server $$os/$$arch"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch GOARM=6 $(GO) build -trimpath -ldflags '$(LDFLAGS)' \
	    -o server/bundle/dist/roam-server-$$os-$$arch ./server/cmd/roam-server; \
	done

build: deps bundle ## build bin/roam (desktop app), bin/roam-server (static headless server) and bin/roam-tty (terminal client roam execs)
	$(GO) build -ldflags '$(LDFLAGS)' -o bin/roam .
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/roam-server ./server/cmd/roam-server
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/roam-tty ./gui/tty/cmd/roam-tty

run: build ## build, then open the app with a local session on this machine
	./bin/roam

check: $(TOOLS)/staticcheck ## gofmt, go vet and staticcheck
	@out=$$(gofmt -l .); \
	  if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(TOOLS)/staticcheck $(STATICCHECK_PKGS)

$(TOOLS)/staticcheck:
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

$(TOOLS)/govulncheck:
	GOBIN=$(TOOLS) $(GO) install golang.org/x/vuln/cmd/govulncheck@$(GOVULNCHECK_VERSION)

vuln: $(TOOLS)/govulncheck ## check the dependencies for known vulnerabilities (needs vuln.go.dev)
	$(TOOLS)/govulncheck ./...

test: build check ## install what is missing, build, then run every test (what CI runs)
	$(GO) test -count=1 -timeout 25m ./...
	$(GO) test -count=1 -race -timeout 15m $(RACE_PKGS)

bench: build ## Roam vs mosh in one table: bench-results/report.md and report.png (about 25 min; E2E_BENCH=Idle etc. reruns a part)
	@mkdir -p bench-results
	@echo "bench [1/3] $$(date -u +%T) workloads into bench-data/"
	$(GO) run ./vt/internal/workload/cmd/genworkload -dir bench-data
	@echo "bench [2/3] $$(date -u +%T) vt micro-benchmarks (emulator, display diff) into bench-results/vt.txt"
	$(GO) test -run '^$$' -bench . -benchmem -timeout 30m ./vt/... > bench-results/vt.txt.tmp
	@mv bench-results/vt.txt.tmp bench-results/vt.txt
	@echo "bench [3/3] $$(date -u +%T) Roam vs mosh end to end (server/e2ebench; progress below, the table at the end)"
	E2E_IDLE=$${E2E_IDLE:-30s} E2E_BUDGET=$${E2E_BUDGET:-12m} $(GO) test -count=1 -run '^$$' \
	  -bench "$${E2E_BENCH:-.}" -benchtime=1x -timeout 45m ./server/e2ebench

fuzz: ## run every fuzz target for FUZZTIME each
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; done

soak: build ## the long fault cases: 1 h suspensions, a 5-minute dead link, 100 sessions (progress every minute)
	ROAM_SOAK=1 $(GO) test -count=1 -v -timeout 3h ./server/faults

clean: ## remove build output
	rm -rf bin dist server/bundle/dist/roam-server-*

# Packages, into dist/. Their version is FyneApp.toml's; the binaries carry
# the server builds of `make bundle` (server/bundle embeds them).
PKG_VERSION := $(shell sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)

.PHONY: package-linux package-windows package-darwin

package-linux: build ## dist/roam-VERSION-linux-ARCH.tar.xz (with install.sh) and a .deb
	./packaging/linux/package.sh $(PKG_VERSION) bin/roam bin/roam-server dist $$(dpkg --print-architecture)

package-windows: bundle ## dist/roam-VERSION-windows-amd64.zip, cross-built with mingw-w64 (~10 min cold)
	@ROAM_CROSS_WINDOWS=1 ./packaging/install-deps.sh
	CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
	  $(GO) build -ldflags '$(LDFLAGS) -H=windowsgui' -o bin/windows-amd64/roam.exe .
	./packaging/windows/package.sh $(PKG_VERSION) bin/windows-amd64/roam.exe dist

package-darwin: ## Roam.app zipped into dist/ (on a Mac; prints what to do elsewhere)
	@./packaging/darwin/package.sh --check-host
	$(MAKE) build
	./packaging/darwin/package.sh $(PKG_VERSION) bin/roam bin/roam-server dist

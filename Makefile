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

.PHONY: help deps build run test check bench fuzz clean

help: ## list the targets
	@echo "Roam — a mobile shell. Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 20
	@echo "Variables: FUZZTIME=$(FUZZTIME) (per fuzz target), VERSION=$(VERSION)"

deps: ## install missing system packages (apt-get as root; prints the command otherwise)
	@./packaging/install-deps.sh

build: deps ## build bin/roam (desktop app) and bin/roam-server (static headless server)
	$(GO) build -ldflags '$(LDFLAGS)' -o bin/roam .
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/roam-server ./server/cmd/roam-server

run: build ## build, then open the app with a local session on this machine
	./bin/roam

check: ## gofmt and go vet
	@out=$$(gofmt -l .); \
	  if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test: build check ## install what is missing, build, then run every test (what CI runs)
	$(GO) test -count=1 -timeout 25m ./...
	$(GO) test -count=1 -race -timeout 15m $(RACE_PKGS)

bench: build ## run the benchmarks (emulator MB/s, display diff, …)
	$(GO) run ./vt/internal/workload/cmd/genworkload -dir bench-data
	$(GO) test -run '^$$' -bench . -benchmem -timeout 30m ./vt/...

fuzz: ## run every fuzz target for FUZZTIME each
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; done

clean: ## remove build output
	rm -rf bin bench-results

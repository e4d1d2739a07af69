# Two commands do all the set-up on a fresh Debian machine with Swift 6.3:
#   make site   installs what is missing (libcmark-dev, pkg-config, nodejs), builds the tool and the site into Output/
#   make test   runs every test
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The Swift runtime and Foundation linked into the binary: a faster start and less memory per
# build (PERFORMANCE.md). Every release build uses it, so none rebuilds another's.
RELEASE := -c release --static-swift-stdlib

.PHONY: site test deps release clean bench-mustache format screenshots

# nodejs runs the search page's script against the index in the tests; libxml2 reads
# WordPress exports (`iclei-site import wordpress`); libvips makes the images' variants;
# gperftools' tcmalloc is the programs' allocator (Sources/Allocator).
# libcrypto (libssl-dev) gives SHA-384 for the fingerprinted assets.
deps:
	@if ! pkg-config --exists libcmark libxml-2.0 vips libtcmalloc_minimal libcrypto 2>/dev/null || ! command -v node >/dev/null; then \
		echo "installing libcmark-dev, libxml2-dev, libvips-dev, libgoogle-perftools-dev, libssl-dev, pkg-config and nodejs with apt-get"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libcmark-dev libxml2-dev libvips-dev libgoogle-perftools-dev libssl-dev pkg-config nodejs; \
	fi

release: deps
	$(SWIFT) build $(RELEASE) --product iclei-site

site: release
	.build/release/iclei-site build --source . --output Output

# Every page type at 1366 and 390 px, as PNGs in Screenshots/ (Chromium and Selenium).
screenshots: site
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver python3-venv)
	@[ -x .venv-browser/bin/python ] || (python3 -m venv .venv-browser && .venv-browser/bin/pip install -q selenium==4.51.0)
	.venv-browser/bin/python scripts/screenshots.py Output Screenshots

test: deps
	$(SWIFT) test

bench-mustache: deps
	$(SWIFT) build $(RELEASE) --product mustache-bench
	.build/release/mustache-bench

clean:
	rm -rf .build Output

# Formats Sources/ and Tests/ as .swift-format says (120 columns); CI checks it.
format:
	$(SWIFT) format format --in-place --recursive --parallel Sources Tests

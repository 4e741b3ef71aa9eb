# gatherlint - top-level Makefile
#
#   make audit [KDIR=DIR]   the main job: audit the bundled corpus, or a kernel tree
#   make check              the whole test suite (ends with "N passed, N failed")
#   make check-quick        the tests that need no kernel tree
#   make matrix [ROWS=...]  the CI matrix of Debian chroots (.ci/matrix, as root)
#   make install PREFIX=... install-cocci KDIR=... install-hooks GIT_DIR=...

PREFIX   ?= /usr/local
DESTDIR  ?=
ENGINE   ?= cocci
SHAREDIR  = $(DESTDIR)$(PREFIX)/share/gatherlint
BINDIR    = $(DESTDIR)$(PREFIX)/bin

COCCI_FILES = $(wildcard cocci/*.cocci)
COCCI_HINTS = cocci/gatherlint.h cocci/gatherlint.iso
HOOKS       = $(wildcard checkpatch-hooks/*)

.PHONY: all deps deps-audit core plugin sparse api check check-quick audit install install-cocci \
	install-hooks clean matrix

all: core plugin sparse

# libgatherlint and lib/gatherlint-core, the decision core the CLI calls
core:
	@$(MAKE) --no-print-directory -C lib/core

deps:
	@lib/deps.sh check

deps-audit:
	@lib/deps.sh audit

# the plugin for gcc, and one for each compiler of PLUGIN_CC (make all
# PLUGIN_CC="aarch64-linux-gnu-gcc arm-linux-gnueabihf-gcc": gcc-plugin/build/)
plugin:
	@if [ -f gcc-plugin/Makefile ]; then $(MAKE) -C gcc-plugin; fi
	@for c in $(PLUGIN_CC); do $(MAKE) -C gcc-plugin CC="$$c" all || exit 2; done

# the sparse engine's checker (libsparse: built by lib/deps.sh check)
sparse: core
	@$(MAKE) --no-print-directory -C sparse

# Re-render lib/gather-api.txt and lib/core/rules.c into the semantic patches
# and lib/gather-api.sh (the committed
# files must equal the rendering; `make check` verifies it).
api:
	@for f in $(COCCI_FILES); do lib/gen-api.sh cocci $$f; done
	@lib/gen-api.sh sh > lib/gather-api.sh

audit: deps-audit core
	@if [ -n "$(KDIR)" ]; then \
		bin/gatherlint audit --engine=$(ENGINE) "$(KDIR)"; \
	else \
		test-drivers/demo.sh $(ENGINE); \
	fi

check: deps
	@$(MAKE) --no-print-directory all
	@tests/run.sh

# The tests that need no kernel tree (the corpus lane of make check).
check-quick: deps
	@$(MAKE) --no-print-directory all
	@tests/run.sh --quick

# The CI matrix (.ci/matrix, as root): a fresh Debian 12 chroot runs the two
# commands above, Debian 13 and sid chroots run the tests with their spatch,
# shellcheck and gcc versions.  ROWS="trixie sid" runs some rows only.
matrix:
	@.ci/matrix $(ROWS)

install: all
	install -d $(BINDIR) $(SHAREDIR)/lib $(SHAREDIR)/cocci \
		$(SHAREDIR)/gcc-plugin $(SHAREDIR)/checkpatch-hooks
	install -m 0755 bin/gatherlint $(BINDIR)/gatherlint
	install -m 0644 lib/*.awk lib/*.txt $(SHAREDIR)/lib/
	install -m 0755 lib/*.sh $(SHAREDIR)/lib/
	install -m 0755 lib/gatherlint-core $(SHAREDIR)/lib/
	install -d $(SHAREDIR)/lib/canary
	install -m 0644 lib/canary/canary-iommu.c lib/canary/canary.expected $(SHAREDIR)/lib/canary/
	install -m 0644 $(COCCI_FILES) $(COCCI_HINTS) $(SHAREDIR)/cocci/
	@if [ -f gcc-plugin/gatherlint_plugin.so ]; then \
		install -m 0755 gcc-plugin/gatherlint_plugin.so $(SHAREDIR)/gcc-plugin/; \
	fi
	@if [ -f sparse/gatherlint-sparse ]; then \
		install -d $(SHAREDIR)/sparse; \
		install -m 0755 sparse/gatherlint-sparse $(SHAREDIR)/sparse/; \
	fi
	@for p in gcc-plugin/build/*/gatherlint_plugin.so; do \
		[ -f "$$p" ] || continue; \
		install -d $(SHAREDIR)/$$(dirname "$$p") && \
		install -m 0755 "$$p" $(SHAREDIR)/$$p || exit 2; \
	done
	@for h in $(HOOKS); do \
		[ -f "$$h" ] && install -m 0755 "$$h" $(SHAREDIR)/checkpatch-hooks/; \
	done; true

# Place the semantic patches where a plain `make coccicheck` finds them.
install-cocci:
	@if [ -z "$(KDIR)" ]; then echo "make install-cocci: give KDIR=<kernel tree>" >&2; exit 2; fi
	@if [ ! -d "$(KDIR)/scripts/coccinelle" ]; then \
		echo "make install-cocci: $(KDIR) has no scripts/coccinelle" >&2; exit 2; fi
	install -d "$(KDIR)/scripts/coccinelle/iommu"
	install -m 0644 $(COCCI_FILES) $(COCCI_HINTS) "$(KDIR)/scripts/coccinelle/iommu/"

install-hooks:
	@if [ -x checkpatch-hooks/install.sh ]; then \
		checkpatch-hooks/install.sh "$(GIT_DIR)"; \
	else echo "make install-hooks: no hooks yet" >&2; exit 2; fi

clean:
	$(MAKE) -C lib/core clean
	@if [ -f gcc-plugin/Makefile ]; then $(MAKE) -C gcc-plugin clean; fi
	$(MAKE) -C sparse clean
	rm -rf tests/out

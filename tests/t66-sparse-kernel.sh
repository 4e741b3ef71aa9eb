#!/bin/sh
# The sparse engine in real kernel builds (issue 12 item 4): Debian's
# linux-source-6.1 allmodconfig x86_64 built with gcc, and with LLVM=1
# (Debian's clang: no GCC plugin can run there), `make C=2
# CHECK=gatherlint-sparse drivers/iommu/` (tests/kernel/sparse-build.sh: the
# configured copies under build/ are kept across runs).  No checker crash,
# no build failure, and exactly the cocci engine's findings on the files
# each configuration builds.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

if ! have_engine sparse; then
	not_ok "kernel builds with gatherlint-sparse: the checker is not built"
	exit 0
fi
for cfg in gcc llvm; do
	arg=
	[ "$cfg" = llvm ] && arg=--llvm
	log=$OUT/kernel-sparse-$cfg.out
	# shellcheck disable=SC2086
	sh "$top/tests/kernel/sparse-build.sh" $arg > "$log" 2>&1
	rc=$?
	sed 's/^/# /' "$log" | grep -v '^# sparse-build: copying'
	check "$cfg: make C=2 CHECK=gatherlint-sparse drivers/iommu/ of 6.1 allmodconfig ran, no checker crash" \
		grep -q '^make C=2 drivers/iommu/ with gatherlint-sparse.*: ok' "$log"
	t_n() { n=$(sed -n 's/^findings on the \([0-9]*\) built files.*/\1/p' "$log"); [ "${n:-0}" -ge 30 ]; }
	check "$cfg: at least 30 IOMMU C files built and checked" t_n
	t_some() { grep -q '^findings on the .*sparse [1-9]' "$log"; }
	check "$cfg: the checker's facts give findings" t_some
	check "$cfg: sparse findings equal cocci findings on the built files" test "$rc" -eq 0
done

#!/bin/sh
# The README's per-user examples, run as written: every ```sh block of
# its "For each user" section, with GATHERLINT_SRC set to this checkout
# and KDIR to the linux-source-6.1 tree.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

blocks=$OUT/readme
rm -rf "$blocks" && mkdir -p "$blocks"
awk -v dir="$blocks" '
	/^## / { inside = ($0 == "## For each user") }
	/^### / && inside { title = substr($0, 5) }
	inside && /^```sh$/ { n++; f = sprintf("%s/%d.sh", dir, n); print title > (f ".title"); next }
	f && /^```$/ { close(f); f = ""; next }
	f { print > f }
' "$top/README.md"
check "README: five per-user example blocks" test -f "$blocks/5.sh" -a ! -f "$blocks/6.sh"

K=$("$top/tests/kernel/tree.sh" 2>/dev/null) || K=
run_block() {	# run_block N [KDIR]: runs it in a scratch TMPDIR, output in N.out
	rm -rf "$blocks/tmp.$1" && mkdir -p "$blocks/tmp.$1"
	(cd "$blocks/tmp.$1" && TMPDIR=$blocks/tmp.$1 GATHERLINT_SRC=$top KDIR=${2:-$K} \
		sh -e "$blocks/$1.sh") > "$blocks/$1.out" 2>&1
}

# Kernel developer
if [ -n "$K" ]; then
	t_kdev() {
		run_block 1 || { tail -5 "$blocks/1.out"; return 1; }
		grep -qE '^drivers/iommu/sun50i-iommu\.c:[0-9]+:[0-9]+-[0-9]+: .*\[unmap-gather-unfilled\]' "$blocks/1.out" &&
			grep -q '^+.*iommu_iotlb_gather_add_range(' /tmp/gather.patch &&
			grep -q '^\* TODO \[\[view:drivers/iommu/' "$blocks/1.out"
	}
	check "README kernel developer: report, patch, install-cocci, org in 6.1" t_kdev
	rm -rf "$K/scripts/coccinelle/iommu" /tmp/gather.patch
else
	not_ok "README kernel developer: needs the linux-source-6.1 tree"
fi

# Kernel developer, GCC plugin: the configured copy t65 prepares
# (tests/kernel/gcc-build.sh prepares it when t65 has not run).
G=$top/build/linux-gcc-6.1
if [ -n "$K" ] && [ ! -f "$G/.gatherlint-prepared" ]; then
	"$top/tests/kernel/gcc-build.sh" > "$blocks/gcc-build.log" 2>&1
fi
if [ -f "$G/.gatherlint-prepared" ]; then
	t_kgcc() {
		# make rebuilds only what changed: make it compile one known driver
		rm -f "$G/drivers/iommu/sun50i-iommu.o"
		run_block 2 "$G" || { tail -5 "$blocks/2.out"; return 1; }
		grep -qE '^drivers/iommu/sun50i-iommu\.c:[0-9]+:[0-9]+: warning: .*\[unmap-gather-unfilled\]$' "$blocks/2.out" &&
			grep -qE '^drivers/iommu/sun50i-iommu\.c:[0-9]+:[0-9]+: warning: sun50i_iommu_unmap\(\) .*\[unmap-gather-unfilled\]$' "$blocks/2.out" &&
			grep -qE '^gatherlint: [0-9]+ errors, [1-9][0-9]* warnings, [0-9]+ notes \(core LATENT, read at include/linux/iommu\.h:[0-9]+\)$' "$blocks/2.out"
	}
	check "README kernel developer: the plugin in the 6.1 allmodconfig build, audit --engine=gcc" t_kgcc
else
	not_ok "README kernel developer (GCC): needs the configured linux-source-6.1 copy"
fi

# Driver author
t_author() {
	run_block 3 || { tail -5 "$blocks/3.out"; return 1; }
	grep -q '^refused by gatherlint$' "$blocks/3.out" &&
		grep -q '^WARNING:IOMMU_GATHER_UNFILLED: ' "$blocks/3.out" &&
		grep -qE '^#[0-9]+: FILE: drivers/iommu/oot-npu-mmu\.c:[0-9]+:$' "$blocks/3.out"
}
check "README driver author: the hook refuses the commit, checkpatch-style output" t_author

# BSP auditor
if [ -n "$K" ]; then
	t_bsp() {
		run_block 4 || { tail -5 "$blocks/4.out"; return 1; }
		d=$(find "$blocks/tmp.4" -name release-1.tsv | head -1)
		d=${d%/*}
		grep -q '^LATENT include/linux/iommu\.h:[0-9]' "$blocks/4.out" &&
			grep -q '^== gatherlint summary ==$' "$blocks/4.out" &&
			grep -qE '^entry points: [0-9]+ \([0-9]+ MISSES, [0-9]+ FILLS\)$' "$blocks/4.out" &&
			[ "$(wc -l < "$d/release-1.tsv")" -gt 10 ] &&
			jq -e '.version == "2.1.0"' "$d/gather.sarif" > /dev/null &&
			grep -q '^+++ b/drivers/iommu/' "$d/gather.patch" &&
			grep -q '^+++ b/drivers/iommu/iommu.c' "$d/core.patch"
	}
	check "README BSP auditor: core, audit with summary, baseline, sarif, fix, core fix on 6.1" t_bsp
else
	not_ok "README BSP auditor: needs the linux-source-6.1 tree"
fi

# Patch author: a series in a scratch repository, applied with git am
t_series() {
	run_block 5 || { tail -5 "$blocks/5.out"; return 1; }
	grep -q '^outgoing/0000-cover-letter\.patch$' "$blocks/5.out" &&
		grep -q '^outgoing/0001-iommu-npu-Fill-the-iotlb-gather' "$blocks/5.out" &&
		grep -qx 'iommu/npu: Fill the iotlb gather before returning the unmapped size' "$blocks/5.out"
}
check "README patch author: fix --series, the prefix from the history, git am applies it" t_series

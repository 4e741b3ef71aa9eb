#!/bin/sh
# The GCC engine in real kernel builds of Debian's linux-source-6.1
# (tests/kernel/gcc-build.sh), allmodconfig each:
#  - x86_64 (COMPILE_TEST builds many ARM drivers): drivers/iommu/ built
#    with the plugin by hand (the configured copy under build/linux-gcc-6.1
#    is reused across runs), and the CLI's --engine=gcc on the built tree
#    agrees with the build's facts;
#  - arm64 and arm cross builds (O=build/linux-gcc-6.1-ARCH, configured
#    only): `gatherlint audit --engine=gcc` builds the candidate objects
#    through kbuild itself, with the plugin built for the cross compiler.
# No internal compiler error, no build failure, the same findings as the
# cocci engine on the files that were built; together the cross builds
# analyse at least 13 of the 14 drivers of linux-6.1.expected whose unmap
# misses the gather.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

if ! have_engine gcc; then
	not_ok "kernel build with the plugin: the plugin is not built"
	exit 0
fi

# --- x86_64: the build by hand, then the CLI on the built tree -------------
sh "$top/tests/kernel/gcc-build.sh" > "$OUT/kernel-gcc.out" 2>&1
rc=$?
sed 's/^/# /' "$OUT/kernel-gcc.out" | grep -v '^# gcc-build: copying'
check "drivers/iommu/ of 6.1 allmodconfig builds with the plugin, no ICE" \
	grep -q '^build of drivers/iommu/ with the plugin: ok' "$OUT/kernel-gcc.out"
t_ice() { ! grep -q 'internal compiler error' "$OUT/kernel-gcc.build.log"; }
check "the build log has no internal compiler error" t_ice
t_files() { [ "$(wc -l < "$OUT/kernel-gcc.files")" -ge 30 ]; }
check "at least 30 IOMMU C files were compiled with the plugin" t_files
t_some() { [ -s "$OUT/kernel-gcc.key" ]; }
check "the build's facts give findings" t_some
t_same() {
	cmp "$OUT/kernel-cocci.key" "$OUT/kernel-gcc.key" ||
		{ sed 's/^/  /' "$OUT/kernel-gcc.cmp"; false; }
}
check "gcc findings equal cocci findings on the built files ($(wc -l < "$OUT/kernel-gcc.key" 2>/dev/null) findings)" t_same
check "gatherlint audit --engine=gcc on the built tree agrees with the build" \
	test "$rc" -eq 0

# --- arm64, arm: the engine builds through kbuild ---------------------------
for a in arm64 arm; do
	sh "$top/tests/kernel/gcc-build.sh" --arch "$a" > "$OUT/kernel-gcc-$a.out" 2>&1
	rc=$?
	sed 's/^/# /' "$OUT/kernel-gcc-$a.out"
	check "$a allmodconfig (configured only): gatherlint audit --engine=gcc builds drivers/iommu/ through kbuild, no ICE, no build error" \
		test "$rc" -eq 0
	t_log() { [ -s "$OUT/kernel-gcc-$a.build.log" ] && ! grep -q 'internal compiler error' "$OUT/kernel-gcc-$a.build.log"; }
	check "$a: kbuild ran, its log has no internal compiler error" t_log
	t_files() { [ "$(wc -l < "$OUT/kernel-gcc-$a.files")" -ge 15 ]; }
	check "$a: at least 15 IOMMU C files were analysed" t_files
	t_same() {
		[ -s "$OUT/kernel-gcc-$a.key" ] || return 1
		cmp "$OUT/kernel-cocci-$a.key" "$OUT/kernel-gcc-$a.key" ||
			{ sed 's/^/  /' "$OUT/kernel-gcc-$a.cmp"; false; }
	}
	check "$a: gcc findings equal cocci findings on the built files ($(wc -l < "$OUT/kernel-gcc-$a.key" 2>/dev/null) findings)" t_same
done
# a file the configuration does not build: analysis-incomplete, naming the
# Kconfig symbol that would build it
t_unbuilt() {
	grep -q "^analysis-incomplete	drivers/iommu/msm_iommu.c	.*CONFIG_MSM_IOMMU is not set (drivers/iommu/Makefile)" \
		"$OUT/kernel-gcc-arm64.tsv"
}
check "arm64: msm_iommu.c is analysis-incomplete, naming CONFIG_MSM_IOMMU" t_unbuilt

# the drivers of linux-6.1.expected whose unmap misses the gather, analysed
# by the cross builds
grep '^drivers/[^ ]* unmap-gather-unfilled ' "$top/tests/kernel/linux-6.1.expected" |
	sed 's/:.*//' | LC_ALL=C sort -u > "$OUT/kernel-gcc-14.want"
cat "$OUT/kernel-gcc-arm64.key" "$OUT/kernel-gcc-arm.key" 2>/dev/null |
	awk -F '\t' '$3 == "unmap-gather-unfilled" { print $1 }' | LC_ALL=C sort -u |
	LC_ALL=C comm -12 "$OUT/kernel-gcc-14.want" - > "$OUT/kernel-gcc-14.got"
n=$(wc -l < "$OUT/kernel-gcc-14.got")
printf '# missed by the cross builds: %s\n' \
	"$(LC_ALL=C comm -23 "$OUT/kernel-gcc-14.want" "$OUT/kernel-gcc-14.got" | tr '\n' ' ')"
check "arm64 + arm find $n of the $(wc -l < "$OUT/kernel-gcc-14.want") drivers whose unmap misses the gather (at least 13)" \
	test "$n" -ge 13

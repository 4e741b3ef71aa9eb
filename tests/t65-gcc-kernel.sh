#!/bin/sh
# The GCC engine in a real kernel build: Debian's linux-source-6.1, x86_64
# allmodconfig (COMPILE_TEST builds the ARM drivers), drivers/iommu/ built
# with the plugin (tests/kernel/gcc-build.sh: the configured copy under
# build/linux-gcc-6.1 is reused across runs).  No internal compiler error,
# no build failure, the same findings as the cocci engine on the files that
# were built, and the CLI's --engine=gcc agrees with the build's facts.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

if ! have_engine gcc; then
	not_ok "kernel build with the plugin: the plugin is not built"
	exit 0
fi

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

#!/bin/sh
# Inside a kernel tree (SPEC 3, 6): a directory or file scope is graded by
# the tree's core, paths open from where the user stands, tsv paths are
# relative to the tree's root.  And the self-check (SPEC 4): an engine that
# misreads its canary is refused.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$CORPUS" || exit 1
lone=$(find lone -name '*.c' | head -1)
k=$OUT/ktree
rm -rf "$k" && cp -R cores/exposed "$k" && cp "$lone" "$k/drivers/iommu/npu.c"
line=$(grep -n 'expect: unmap-gather-unfilled' "$lone" | cut -d: -f1)

t_dir_from_root() {
	(cd "$k" && "$GL" audit --fail-on=never drivers/iommu) > "$OUT/k1.txt" &&
		grep -q "^drivers/iommu/npu.c:$line:[0-9]*: error: " "$OUT/k1.txt" &&
		! grep -q '^npu.c:' "$OUT/k1.txt" &&
		! grep -q 'core-empty-gather-skip' "$OUT/k1.txt"
}
check "kernel tree: 'audit drivers/iommu' from the root prints drivers/iommu/... and grades by the tree's EXPOSED core" t_dir_from_root

t_file_from_dir() {
	(cd "$k/drivers/iommu" && "$GL" audit --fail-on=never npu.c) > "$OUT/k2.txt" &&
		grep -q "^npu.c:$line:[0-9]*: error: " "$OUT/k2.txt" &&
		grep -q '(core EXPOSED, read at \.\./\.\./include/linux/iommu\.h:[0-9]*)$' "$OUT/k2.txt"
}
check "kernel tree: a file audited from its directory opens from there and says where the core was read" t_file_from_dir

t_tsv_root_relative() {
	(cd "$k/drivers/iommu" && "$GL" audit --fail-on=never --format=tsv npu.c) > "$OUT/k3.tsv" &&
		awk -F '\t' -v l="$line" 'NR == 2 && $2 == "drivers/iommu/npu.c" && $3 == l && $5 == "error" { ok = 1 } END { exit !ok }' "$OUT/k3.tsv"
}
check "kernel tree: tsv paths are relative to the tree's root" t_tsv_root_relative

t_json_sarif() {
	(cd "$k/drivers" && "$GL" audit --fail-on=never --format=json iommu/npu.c) > "$OUT/k4.json" &&
		jq -e '.[0].file == "iommu/npu.c" and .[0].severity == "error"' "$OUT/k4.json" >/dev/null &&
		(cd "$k/drivers" && "$GL" audit --fail-on=never --format=sarif iommu/npu.c) > "$OUT/k4.sarif" &&
		jq -e '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri == "iommu/npu.c"' "$OUT/k4.sarif" >/dev/null
}
check "kernel tree: json and sarif paths open from the current directory" t_json_sarif

t_override() {
	(cd "$k" && "$GL" audit --fail-on=never --format=tsv --core=protected drivers/iommu/npu.c) |
		awk -F '\t' 'NR == 2 && $5 == "note" { ok = 1 } END { exit !ok }'
}
check "kernel tree: --core still overrides the tree's core" t_override

t_outside() {
	(cd "$OUT" && "$GL" audit --fail-on=never ktree/drivers/iommu/npu.c) > "$OUT/k5.txt" &&
		grep -q "^ktree/drivers/iommu/npu.c:$line:" "$OUT/k5.txt"
}
check "kernel tree: a path given from outside the tree prints as given" t_outside

t_plain_dir() {
	(cd "$top" && "$GL" audit --fail-on=never --format=tsv test-drivers/lone) |
		awk -F '\t' 'NR == 2 && $2 == "test-drivers/lone/oot-npu-mmu.c" { ok = 1 } END { exit !ok }'
}
check "outside a kernel tree: tsv paths are relative to the current directory" t_plain_dir

# --- self-check ---------------------------------------------------------------
if have_engine cocci; then
	brk=$OUT/broken-spatch
	mkdir -p "$brk"
	real=$(command -v spatch)
	# a spatch that drops every named const ops object, as spatch 1.3 did
	cat > "$brk/spatch" <<EOS
#!/bin/sh
"$real" "\$@" | awk -F '\t' '!(\$1 == "ops" && \$5 == "iommu_domain_ops" && \$4 !~ /^anon@/)'
EOS
	chmod +x "$brk/spatch"
	t_canary() {
		PATH=$brk:$PATH "$GL" audit "$lone" > "$OUT/brk.out" 2> "$OUT/brk.err"
		rc=$?
		[ $rc -eq 2 ] && [ ! -s "$OUT/brk.out" ] && [ "$(wc -l < "$OUT/brk.err")" -eq 1 ] &&
			grep -q '^gatherlint: self-check failed: spatch [0-9.]* (OCaml [0-9.]*) does not see the miss in a const ops object' "$OUT/brk.err"
	}
	check "self-check: a spatch that drops const ops is refused (exit 2, one line naming the tool)" t_canary
	t_canary_ok() { "$GL" audit --fail-on=never "$lone" > /dev/null 2> "$OUT/ok.err" && [ ! -s "$OUT/ok.err" ]; }
	check "self-check: the real spatch passes its canary silently" t_canary_ok
else
	skip "no cocci engine"
fi
if have_engine gcc; then
	gbrk=$OUT/broken-gcc
	mkdir -p "$gbrk"
	# a compiler that silently drops the plugin
	# shellcheck disable=SC2016
	printf '#!/bin/sh\nfor a; do shift; case $a in -fplugin*) ;; *) set -- "$@" "$a" ;; esac; done\nexec gcc "$@"\n' > "$gbrk/gcc-noplugin"
	chmod +x "$gbrk/gcc-noplugin"
	t_canary_gcc() {
		GATHERLINT_CC=$gbrk/gcc-noplugin "$GL" audit --engine=gcc "$lone" > /dev/null 2> "$OUT/gbrk.err"
		[ $? -eq 2 ] && grep -q '^gatherlint: self-check failed: .*gcc-noplugin [0-9.]* with .*does not see' "$OUT/gbrk.err"
	}
	check "self-check: a compiler that drops the plugin is refused" t_canary_gcc
fi

# The gcc engine compiles the C files that include a candidate header no
# candidate C file includes (a template header); one that does not compile
# is said, not skipped (never silently blind).
if have_engine gcc; then
	t_includer() {
		rm -rf "$OUT/inc" && mkdir -p "$OUT/inc/x" &&
			cp -R "$CORPUS/include" "$OUT/inc/" &&
			cp "$CORPUS/ops/mulberry-pt.h" "$OUT/inc/x/" &&
			printf '#include "mulberry-pt.h"\nint broken(void) { return nope; }\n' > "$OUT/inc/x/user.c" &&
			(cd "$OUT/inc" && "$GL" audit --engine=gcc --fail-on=never --format=tsv x) > "$OUT/inc.tsv" &&
			grep -q '^analysis-incomplete	x/user.c	1	.*gcc cannot compile this file' "$OUT/inc.tsv"
	}
	check "gcc engine: an includer of a candidate header that does not compile is analysis-incomplete" t_includer
fi

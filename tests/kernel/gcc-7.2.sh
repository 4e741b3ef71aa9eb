#!/bin/sh
# tests/kernel/gcc-7.2.sh - the GCC engine on Debian sid's linux-source-7.2
# (tests/kernel/tree-7.2.sh), x86_64 allmodconfig: `gatherlint audit
# --engine=gcc O=build/linux-gcc-7.2 drivers/iommu` builds the candidate
# objects through kbuild (the output tree is configured once; its
# drivers/iommu objects are deleted first, so every run builds them), and
# its findings on the files it analysed must equal
# tests/kernel/linux-7.2.expected on those files (KNOWN-FN lines marked
# "found by the gcc engine" count as findings for it).  Not part of make
# check (its build is the slow part); CI's matrix or a developer runs it:
#
#   sh tests/kernel/gcc-7.2.sh        ends with "N passed, N failed"
#
# Results in $GATHERLINT_TEST_OUT (default tests/out): kernel72-gcc.tsv,
# .facts, .build.log, .want, .got.
root=$(cd "$(dirname "$0")/../.." && pwd -P)
: "${GATHERLINT_TEST_OUT:=$root/tests/out}"
export GATHERLINT_TEST_OUT
# shellcheck source=tests/lib.sh
. "$root/tests/lib.sh"
top=$root
GL=$top/bin/gatherlint

src=$("$top/tests/kernel/tree-7.2.sh") || { not_ok "linux-source-7.2 tree available"; exit 0; }
o=$top/build/linux-gcc-7.2
now() { date +%s; }
t0=$(now)
if [ ! -f "$o/.gatherlint-configured" ]; then
	rm -rf "$o"
	mkdir -p "$o"
	if make -s -C "$src" O="$o" allmodconfig > "$OUT/kernel72-gcc.config.log" 2>&1; then
		touch "$o/.gatherlint-configured"
	fi
fi
check "7.2 x86_64 allmodconfig (O=build/linux-gcc-7.2)" test -f "$o/.gatherlint-configured"
find "$o/drivers/iommu" \( -name '*.o' -o -name '.*.o.cmd' \) -type f -delete 2>/dev/null
t1=$(now)
(cd "$src" && KDIR=$src GATHERLINT_KBUILD_LOG=$OUT/kernel72-gcc.build.log \
	"$GL" audit --engine=gcc --format=tsv --fail-on=never \
	--facts-out="$OUT/kernel72-gcc.facts" O="$o" drivers/iommu) \
	> "$OUT/kernel72-gcc.tsv" 2> "$OUT/kernel72-gcc.err"
rc=$?
t2=$(now)
check "gatherlint audit --engine=gcc builds drivers/iommu/ of 7.2 through kbuild ($((t1 - t0))s configure, $((t2 - t1))s audit)" \
	test "$rc" -eq 0
t_ice() { [ -s "$OUT/kernel72-gcc.build.log" ] && ! grep -q 'internal compiler error' "$OUT/kernel72-gcc.build.log"; }
check "7.2: the kbuild log has no internal compiler error" t_ice
t_cc() { ! grep 'gcc cannot compile' "$OUT/kernel72-gcc.tsv"; }
check "7.2: every file the configuration builds compiles with the plugin" t_cc

# the files analysed: candidate C files without an analysis-incomplete line
# shellcheck source=lib/gather-api.sh
. "$top/lib/gather-api.sh"
awk -F '\t' '$1 == "analysis-incomplete" { print $2 }' "$OUT/kernel72-gcc.tsv" |
	LC_ALL=C sort -u > "$OUT/kernel72-gcc.unbuilt"
(cd "$src" && grep -rlE "$gatherlint_keywords" drivers/iommu --include='*.c') |
	LC_ALL=C sort | LC_ALL=C comm -23 - "$OUT/kernel72-gcc.unbuilt" > "$OUT/kernel72-gcc.files"
n=$(wc -l < "$OUT/kernel72-gcc.files")
printf '# analysed %s C files; not built: %s\n' "$n" "$(tr '\n' ' ' < "$OUT/kernel72-gcc.unbuilt")"
check "7.2: at least 25 IOMMU C files analysed" test "$n" -ge 25

# The generic page tables: drivers/iommu/generic_pt/iommu_pt.h defines
# NS(unmap_range) and the pt_iommu_ops NS(ops) holding it; each format's
# unit (fmt/iommu_FMT.c, through "iommu_template.h") instantiates them as
# PFX_unmap_range and PFX_ops, PFX = PT_FMT[_PT_FMT_VARIANT]_.  The engine
# compiles the formats the configuration builds (the C files including
# that header), and the plugin reads the header's entry points: one fn and
# one ops fact under the header's path per format, and no finding there
# (linux-7.2.expected: gather_range_pending() fills unless queued).
pt=drivers/iommu/generic_pt
grep -oE "$pt/fmt/iommu_[a-z0-9_]+\.o" "$OUT/kernel72-gcc.build.log" |
	LC_ALL=C sort -u > "$OUT/kernel72-gcc.ptfmts"
: > "$OUT/kernel72-gcc.ptmiss"
while IFS= read -r obj; do
	c=$src/${obj%.o}.c
	fmt=$(sed -n 's/^#define[[:space:]]*PT_FMT[[:space:]]\{1,\}\([a-z0-9_]*\).*/\1/p' "$c")
	var=$(sed -n 's/^#define[[:space:]]*PT_FMT_VARIANT[[:space:]]\{1,\}\([a-z0-9_]*\).*/\1/p' "$c")
	pfx=${fmt}_${var:+${var}_}
	awk -F '\t' -v f="$pt/iommu_pt.h" -v n="${pfx}unmap_range" -v o="${pfx}ops" '
		$1 == "fn" && $2 == f && $4 == n && $5 == "size" { fn = 1 }
		$1 == "ops" && $2 == f && $4 == o && $5 == "pt_iommu_ops" &&
			$6 == "unmap_range" && $7 == n { ops = 1 }
		END { exit !(fn && ops) }' "$OUT/kernel72-gcc.facts" ||
		printf '%s (%sunmap_range)\n' "$obj" "$pfx" >> "$OUT/kernel72-gcc.ptmiss"
done < "$OUT/kernel72-gcc.ptfmts"
nfmt=$(wc -l < "$OUT/kernel72-gcc.ptfmts")
printf '# generic page table formats built: %s\n' "$(sed 's|.*/||' "$OUT/kernel72-gcc.ptfmts" | tr '\n' ' ')"
check "7.2: kbuild compiles at least 4 generic page table formats ($nfmt)" test "$nfmt" -ge 4
t_ptfacts() { [ ! -s "$OUT/kernel72-gcc.ptmiss" ] || { sed 's/^/  missing: /' "$OUT/kernel72-gcc.ptmiss"; false; }; }
check "7.2: the gcc facts hold each format's unmap_range entry point (fn + pt_iommu_ops facts in $pt/iommu_pt.h)" t_ptfacts
t_ptcount() {
	[ "$(awk -F '\t' -v f="$pt/iommu_pt.h" '$1 == "ops" && $2 == f && $6 == "unmap_range"' \
		"$OUT/kernel72-gcc.facts" | LC_ALL=C sort -u | wc -l)" -eq "$nfmt" ]
}
check "7.2: one pt_iommu_ops.unmap_range fact per format built, no more" t_ptcount
t_ptnone() { ! grep -F "	$pt/" "$OUT/kernel72-gcc.tsv"; }
check "7.2: no gcc finding in $pt (the entry points fill through gather_range_pending)" t_ptnone

awk -F '\t' -v OFS='\t' 'NR > 1 && $1 != "analysis-incomplete" { print $2 ":" $3, $1, $5 }' \
	"$OUT/kernel72-gcc.tsv" | LC_ALL=C sort > "$OUT/kernel72-gcc.got"
grep -v '^#' "$top/tests/kernel/linux-7.2.expected" |
	awk -v OFS='\t' '
		$1 == "KNOWN-FN" && /found by the gcc engine/ { print $2, $3, $4; next }
		$1 == "KNOWN-FN" { next }
		NF { print $1, $2, $3 }' |
	while IFS="$(printf '\t')" read -r where rule sev; do
		grep -qxF "${where%%:*}" "$OUT/kernel72-gcc.files" && printf '%s\t%s\t%s\n' "$where" "$rule" "$sev"
	done | LC_ALL=C sort > "$OUT/kernel72-gcc.want"
t_same() {
	cmp -s "$OUT/kernel72-gcc.want" "$OUT/kernel72-gcc.got" ||
		{ diff "$OUT/kernel72-gcc.want" "$OUT/kernel72-gcc.got" | sed -n 's/^</  missing:/p; s/^>/  extra:  /p'; false; }
}
check "7.2: gcc findings on the files analysed equal linux-7.2.expected ($(wc -l < "$OUT/kernel72-gcc.got") findings)" t_same

passed=$(grep -c '^pass$' "$TALLY")
failed=$(grep -c '^fail$' "$TALLY")
printf '%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]

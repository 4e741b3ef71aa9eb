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

#!/bin/sh
# The real kernel tree (Debian's linux-source-6.1): whole-tree audit equal
# to tests/kernel/linux-6.1.expected, the fix applies with patch -p1,
# re-audits clean and is idempotent; coccicheck in its four modes and
# after install-cocci.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

K=$("$top/tests/kernel/tree.sh") || { not_ok "linux-source-6.1 tree available"; exit 0; }
ok "linux-source-6.1 tree available ($K)"
dirty=$top/build/.linux-source-6.1.dirty

# --- whole-tree audit ---------------------------------------------------------
"$GL" audit --fail-on=never --format=tsv --facts-out="$OUT/k.facts" "$K" \
	> "$OUT/k.tsv" 2> "$OUT/k.err"
check "audit of the whole 6.1 tree ran" test $? -eq 0
check "audit of the whole 6.1 tree wrote nothing on stderr" test ! -s "$OUT/k.err"
# Findings whose fix is withheld by design (SPEC 5: no range is added while
# the driver fills through tlb_add_page): FILE<TAB>FUNCTION.
(cd "$K" && "$GL" audit --fail-on=never --facts-in="$OUT/k.facts" .) 2>/dev/null | awk -v OFS="\t" '
	/ \[[a-z-]+\]$/ { split($1, a, ":"); f = a[1]; fn = $3; sub(/\(\).*/, "", fn); next }
	/not fixed automatically/ { print f, fn }' | sort -u > "$OUT/k.withheld"
awk -F '\t' -v OFS='\t' 'NR > 1 { print $2, $3, $1, $5 }' "$OUT/k.tsv" | LC_ALL=C sort > "$OUT/k.got"
grep -v '^#' "$top/tests/kernel/linux-6.1.expected" | awk '
	NF { split($1, a, ":"); printf "%s\t%s\t%s\t%s\n", a[1], a[2], $2, $3 }' |
	LC_ALL=C sort > "$OUT/k.want"
if cmp -s "$OUT/k.want" "$OUT/k.got"; then
	ok "6.1 findings equal tests/kernel/linux-6.1.expected ($(wc -l < "$OUT/k.got") findings)"
else
	not_ok "6.1 findings equal tests/kernel/linux-6.1.expected"
	diff "$OUT/k.want" "$OUT/k.got" | sed -n 's/^</#   missing:/p; s/^>/#   extra:  /p'
fi
t_state() { awk -F '\t' 'NR > 1 && $6 != "LATENT" { bad = 1 } END { exit bad }' "$OUT/k.tsv"; }
check "6.1 core state is LATENT on every finding" t_state
t_core() { "$GL" core "$K" | grep -q '^LATENT include/linux/iommu.h:'; }
check "gatherlint core on 6.1 prints LATENT with the file:line" t_core

# --- fix: applies, re-audits clean, idempotent, reverted ------------------------
# (the fix reuses the audit's facts; the re-audit and the second fix read
# the patched files again and the other files' facts from the first audit)
"$GL" fix --facts-in="$OUT/k.facts" "$K" > "$OUT/k.diff" 2> "$OUT/k.fix.err"
check "fix of the 6.1 tree: a non-empty diff" test -s "$OUT/k.diff"
t_apply() {
	(cd "$K" && patch -p1 --dry-run -s < "$OUT/k.diff") || return 1
	touch "$dirty"
	(cd "$K" && patch -p1 -s --no-backup-if-mismatch < "$OUT/k.diff")
}
check "fix of the 6.1 tree applies with patch -p1" t_apply
touched=$(sed -n 's|^+++ b/\([^	]*\).*|\1|p' "$OUT/k.diff" | LC_ALL=C sort -u)
# shellcheck disable=SC2086
(cd "$K" && "$GL" audit --fail-on=never --format=tsv --facts-out="$OUT/k2.part" $touched) \
	> /dev/null 2>&1
echo "$touched" | awk -F '\t' 'FNR == NR { new[$0] = 1; next } !($2 in new)' - "$OUT/k.facts" |
	cat - "$OUT/k2.part" > "$OUT/k2.facts"
t_reclean() {
	[ -s "$OUT/k2.part" ] || return 1
	"$GL" audit --format=tsv --fail-on=never --facts-in="$OUT/k2.facts" "$K" |
		awk -F '\t' -v w="$OUT/k.withheld" '
			BEGIN { while ((getline l < w) > 0) { split(l, a, "\t"); held[a[1], a[2]] = 1 } }
			$1 == "unmap-gather-unfilled" && $5 != "note" && !held[$2, $4] { print; bad = 1 }
			END { exit bad }'
}
check "6.1 re-audit after the fix ($(echo "$touched" | wc -w) files read again): no unmap-gather-unfilled at warning or above (but the $(wc -l < "$OUT/k.withheld") withheld by design)" t_reclean
t_idem() { d=$("$GL" fix --facts-in="$OUT/k2.facts" "$K") && [ -z "$d" ]; }
check "6.1: a second fix prints an empty diff" t_idem
t_revert() { (cd "$K" && patch -R -p1 -s --no-backup-if-mismatch < "$OUT/k.diff") && rm -f "$dirty"; }
check "6.1: the fix reverts cleanly" t_revert

# --- coccicheck ---------------------------------------------------------------
# All four modes on one directory of drivers (the README's commands, run by
# t80, cover the whole of drivers/iommu).
main=$top/cocci/iommu_unmap_gather.cocci
M=drivers/iommu/arm/arm-smmu
if [ ! -f "$main" ]; then
	not_ok "cocci/iommu_unmap_gather.cocci exists"
	exit 0
fi
for mode in report patch context org; do
	make -s -C "$K" coccicheck MODE=$mode COCCI="$main" M=$M \
		> "$OUT/cc.$mode" 2> "$OUT/cc.$mode.err"
	check "make coccicheck MODE=$mode M=$M in 6.1 exits 0" test $? -eq 0
done
t_report() { grep -qE "^$M/arm-smmu\\.c:[0-9]+:[0-9]+-[0-9]+: .*unmap-gather-unfilled" "$OUT/cc.report"; }
check "coccicheck report: names arm-smmu.c in coccicheck format" t_report
t_patch() { grep -q '^+.*iommu_iotlb_gather_add_range(' "$OUT/cc.patch"; }
check "coccicheck patch: adds iommu_iotlb_gather_add_range()" t_patch
t_context() { grep -q '^-.*return' "$OUT/cc.context"; }
check "coccicheck context: marks the offending returns" t_context
t_org() { grep -q '^\* TODO' "$OUT/cc.org"; }
check "coccicheck org: org-mode TODO entries" t_org

rm -rf "$K/scripts/coccinelle/iommu"
check "make install-cocci KDIR=6.1" make -s -C "$top" install-cocci KDIR="$K"
t_installed() {
	make -s -C "$K" coccicheck MODE=report M=$M \
		COCCI="$K/scripts/coccinelle/iommu/$(basename "$main")" 2>/dev/null |
		grep -q 'unmap-gather-unfilled'
}
check "installed script runs from scripts/coccinelle/iommu" t_installed
rm -rf "$K/scripts/coccinelle/iommu"

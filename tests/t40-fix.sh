#!/bin/sh
# shellcheck disable=SC2086,SC2013,SC2046
# gatherlint fix on a copy of the corpus, per engine: the diff applies with
# patch -p1, touches only entry points (never format code), the fixed files
# compile, the re-audit is clean, a second fix is empty, --in-place writes
# the same result, and both engines write the same fixes (the same
# statements at the same places, compared normalised: tests/norm.awk).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

engines=
for e in cocci gcc; do
	if have_engine "$e"; then engines="$engines $e"; else skip "fix: engine $e is not built here"; fi
done

for e in $engines; do
	w=$OUT/fix.$e
	rm -rf "$w" && mkdir -p "$w"
	(cd "$CORPUS" && cp -R include $THEMES "$w/")
	sums() { (cd "$w" && find . -name '*.c' -exec cksum {} + | LC_ALL=C sort); }
	sums > "$OUT/fix.$e.before"
	# shellcheck disable=SC2086
	(cd "$w" && "$GL" fix --engine="$e" $THEMES) > "$OUT/fix.$e.diff" 2> "$OUT/fix.$e.err"
	rc=$?
	check "fix ($e): exit 0 and a non-empty diff" test $rc -eq 0 -a -s "$OUT/fix.$e.diff"
	check "fix ($e): writes nothing without --in-place" sh -c "cd '$w' && find . -name '*.c' -exec cksum {} + | LC_ALL=C sort | cmp - '$OUT/fix.$e.before'"
	t_nofmt() { ! grep -q '^+++ b/formats/' "$OUT/fix.$e.diff"; }
	check "fix ($e): never patches format code" t_nofmt
	check "fix ($e): applies with patch -p1" sh -c "cd '$w' && patch -p1 -s --no-backup-if-mismatch < '$OUT/fix.$e.diff'"
	for f in $(sed -n 's|^+++ b/\([^	]*\).*|\1|p' "$OUT/fix.$e.diff"); do
		check "fix ($e): $f compiles after the fix" \
			gcc -fsyntax-only -Wall -Werror -I "$w/include" "$w/$f"
	done
	t_clean() {
		# shellcheck disable=SC2086
		(cd "$w" && "$GL" audit --engine="$e" --format=tsv --fail-on=never $THEMES) |
			awk -F '\t' '$1 == "unmap-gather-unfilled" && $5 != "note" { print; bad = 1 } END { exit bad }'
	}
	check "fix ($e): re-audit has no unmap-gather-unfilled at warning or above" t_clean
	t_idem() {
		# shellcheck disable=SC2086
		d=$(cd "$w" && "$GL" fix --engine="$e" $THEMES) && [ -z "$d" ]
	}
	check "fix ($e): a second fix prints an empty diff" t_idem
	# An entry point also called with a NULL gather (a nullcall fact,
	# SPEC 5): its fill is guarded, and is the only add_range of the file
	# (outside its header comment).
	t_nullguard() {
		awk '/^ \*/ { next }
		     p == "\tif (gather)" && $0 == "\t\tiommu_iotlb_gather_add_range(gather, iova, size);" { g++ }
		     /iommu_iotlb_gather_add_range/ { n++ } { p = $0 }
		     END { exit !(g == 1 && n == 1) }' "$w/paths/vendor-nullcall-iommu.c"
	}
	check "fix ($e): paths/vendor-nullcall-iommu.c gets the fill guarded by if (gather)" t_nullguard
	check "fix ($e): the guarded paths/vendor-nullcall-iommu.c compiles" \
		gcc -fsyntax-only -Wall -Werror -I "$w/include" "$w/paths/vendor-nullcall-iommu.c"
	# --in-place on a fresh copy gives the same files (on the single-unit
	# drivers of misses/, whose fix alone is the diff's part for them: a
	# fix run of the engine is the costly part of this test)
	w2=$OUT/fix.$e.inplace
	rm -rf "$w2" && mkdir -p "$w2"
	(cd "$CORPUS" && cp -R include misses "$w2/")
	(cd "$w2" && "$GL" fix --engine="$e" --in-place misses 2>/dev/null)
	check "fix ($e): --in-place writes what the diff says (misses/)" diff -r "$w/misses" "$w2/misses"
	t_notmp() { [ -z "$(find "$w2" -name '*.gatherlint.*')" ]; }
	check "fix ($e): --in-place leaves no temporary file" t_notmp
done

case $engines in
*cocci*gcc*)
	# Files whose findings differ by engine by design (engine=...) are
	# compared by the per-engine checks above, not against each other.
	only=$(cd "$CORPUS" && grep -l "expect: unmap-gather-unfilled [^*]*engine=" $(find $THEMES -name "*.c") | sed "s|.*/||; s|^|-x |")
	# The same statements at the same places; each engine lays out
	# its lines its own way (tests/norm.awk).
	for e in cocci gcc; do
		rm -rf "$OUT/fix.$e.norm" && cp -R "$OUT/fix.$e" "$OUT/fix.$e.norm"
		find "$OUT/fix.$e.norm" -name '*.c' | while IFS= read -r f; do
			awk -f "$top/tests/norm.awk" "$f" > "$f.n" && mv "$f.n" "$f"
		done
	done
	check "fix: the cocci and gcc engines write the same fixed files (normalised)" \
		diff -r $only "$OUT/fix.cocci.norm" "$OUT/fix.gcc.norm" ;;
esac

# The core fix on the exposed mini core: applies, probes PROTECTED after.
c=$OUT/core-fix
rm -rf "$c" && cp -R "$CORPUS/cores/exposed" "$c"
"$GL" fix --fix=core "$c" > "$OUT/core-fix.diff" 2>&1
check "fix --fix=core: applies to the exposed mini core" \
	sh -c "cd '$c' && patch -p1 -s < '$OUT/core-fix.diff'"
t_prot() { "$GL" core "$c" | grep -q '^PROTECTED '; }
check "fix --fix=core: the core then probes PROTECTED" t_prot
t_core_idem() { d=$("$GL" fix --fix=core "$c") && [ -z "$d" ]; }
check "fix --fix=core: a second run prints an empty diff" t_core_idem
check "fix --fix=core: the fixed iommu.c compiles" gcc -fsyntax-only -Wall -Werror \
	-I "$c/include" -I "$CORPUS/include" "$c/drivers/iommu/iommu.c"

#!/bin/sh
# Each engine (cocci, gcc, sparse) over the corpus, once per core state, compared exactly with
# the inline expectations: a missing finding and an extra finding both fail.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$CORPUS" || exit 1
# shellcheck disable=SC2086
files=$(find $THEMES -name '*.c' | LC_ALL=C sort)
printf "%s\n" "$files" > "$OUT/t20.files"

# GATHERLINT_ENGINES narrows the run (the CI matrix runs the gcc engine once
# per compiler)
for engine in ${GATHERLINT_ENGINES:-cocci gcc sparse}; do
	if ! have_engine "$engine"; then
		skip "engine $engine is not built here (gcc-plugin/ has no plugin yet)"
		continue
	fi
	facts=$OUT/corpus.$engine.facts
	# shellcheck disable=SC2086
	if ! "$GL" audit --engine="$engine" --fail-on=never --format=tsv \
		--facts-out="$facts" $THEMES > "$OUT/corpus.$engine.unknown.tsv" \
		2> "$OUT/corpus.$engine.err"; then
		not_ok "$engine: audit of the corpus ran"
		sed 's/^/#   /' "$OUT/corpus.$engine.err" | head
		continue
	fi
	ok "$engine: audit of the corpus ran"
	check "$engine: the corpus audit wrote nothing on stderr" test ! -s "$OUT/corpus.$engine.err"
	for state in unknown latent exposed protected; do
		got=$OUT/corpus.$engine.$state.got
		want=$OUT/corpus.$engine.$state.want
		if [ "$state" = unknown ]; then
			tsv=$OUT/corpus.$engine.unknown.tsv
		else
			tsv=$OUT/corpus.$engine.$state.tsv
			# shellcheck disable=SC2086
			"$GL" audit --engine="$engine" --fail-on=never --format=tsv \
				--core="$state" --facts-in="$facts" $THEMES > "$tsv"
		fi
		awk -F '\t' -v OFS='\t' 'NR > 1 { print $2, $3, $1, $5 }' "$tsv" |
			LC_ALL=C sort > "$got"
		# shellcheck disable=SC2086
		awk -v state="$state" -v engine="$engine" -f "$top/tests/expect.awk" \
			$files | LC_ALL=C sort > "$want"
		# one ok per file: its expected lines equal the found ones
		per_file_cmp "$engine $state" "$want" "$got" "$OUT/t20.files"
		# findings outside the corpus files (must be none)
		stray=$(cut -f1 "$got" | LC_ALL=C sort -u | LC_ALL=C comm -23 - "$OUT/t20.files" | tr "\n" " ")
		if [ -z "$stray" ]; then ok "$engine $state: no finding outside the corpus files"
		else not_ok "$engine $state: findings in $stray"; fi
	done
done

# A verdict that rests on a test the engine could not read says so (SPEC 2
# Nonzero path): paths/kumquat-iommu.c tests r against SZ_4K.
for engine in cocci gcc sparse; do
	have_engine "$engine" || continue
	t_unread() {
		"$GL" audit --engine="$engine" --fail-on=never paths/kumquat-iommu.c |
			grep -q "^paths/kumquat-iommu.c:$(grep -n 'expect: unmap-gather-unfilled' paths/kumquat-iommu.c | cut -d: -f1):2: note: r is tested in a way gatherlint does not read"
	}
	check "$engine: a note names the returned value whose test was not read" t_unread
done

# The sparse checker alone (make C=1 CHECK=gatherlint-sparse): what a unit
# fills only on another unit's trust gets a note, as the plugin says it
# (t25); clean/umbra-smmu3.c trusts a format of another unit.
if have_engine sparse; then
	for f in xfile/ion-iommu.c clean/umbra-smmu3.c; do
		t_sparse_trust() {
			"$top/sparse/gatherlint-sparse" -I include "$f" > "$OUT/sp-alone.out" 2>&1 &&
				grep -qE "^$f:[0-9]+:[0-9]+: note: .*(defined in another unit|whose unmap is in another unit)" "$OUT/sp-alone.out" &&
				! grep -q ': warning: ' "$OUT/sp-alone.out"
		}
		check "sparse alone: $f fills on another unit's trust and a note says so" t_sparse_trust
	done
fi

#!/bin/sh
# tests/run.sh - the whole test suite (make check).  Runs tests/tNN-*.sh in
# order; every check prints one ok / not ok line; ends with the line
# "N passed, N failed" and exits non-zero on any failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd -P)
OUT=${GATHERLINT_TEST_OUT:-$top/tests/out}
export GATHERLINT_TEST_OUT="$OUT"
mkdir -p "$OUT"
TALLY=$OUT/tally
export TALLY
: > "$TALLY"
for t in "$top"/tests/t[0-9]*.sh; do
	[ -n "${ONLY-}" ] && case $t in *"$ONLY"*) ;; *) continue ;; esac
	printf '# %s\n' "$(basename "$t")"
	if ! sh "$t"; then
		printf 'not ok - %s exited non-zero\n' "$(basename "$t")"
		echo fail >> "$TALLY"
	fi
done
passed=$(grep -c '^pass$' "$TALLY")
failed=$(grep -c '^fail$' "$TALLY")
printf '%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

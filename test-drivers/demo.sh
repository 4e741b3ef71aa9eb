#!/bin/sh
# demo.sh - `make audit` on the bundled corpus: audit every theme as a user
# would (text output), then say whether the corpus's known findings (its
# inline `expect:` comments, core UNKNOWN) were all found, and nothing else.
#
#   demo.sh [ENGINE]    exit 0 when the audit matched the corpus exactly
set -u
cd "$(dirname "$0")" || exit 2
engine=${1:-cocci}
themes="formats fills misses clean ops paths xfile lone"
gl=../bin/gatherlint
t=$(mktemp -d "${TMPDIR:-/tmp}/gatherlint-demo.XXXXXX") || exit 2
trap 'rm -rf "$t"' EXIT

# shellcheck disable=SC2086
"$gl" audit --engine="$engine" --facts-out="$t/facts" $themes
rc=$?
[ "$rc" -le 1 ] || exit 2
# shellcheck disable=SC2086
"$gl" audit --engine="$engine" --facts-in="$t/facts" --format=tsv --fail-on=never \
	$themes | awk -F '\t' -v OFS='\t' 'NR > 1 { print $2, $3, $1, $5 }' |
	LC_ALL=C sort > "$t/got" || exit 2
# shellcheck disable=SC2046,SC2086
awk -v state=unknown -v engine="$engine" -f ../tests/expect.awk \
	$(find $themes -name '*.c' | LC_ALL=C sort) | LC_ALL=C sort > "$t/want"
n=$(wc -l < "$t/want")
miss=$(LC_ALL=C comm -23 "$t/want" "$t/got" | wc -l)
extra=$(LC_ALL=C comm -13 "$t/want" "$t/got" | wc -l)
echo
if [ "$miss" -eq 0 ] && [ "$extra" -eq 0 ]; then
	printf 'gatherlint demo: all %s known findings of the corpus were found, and nothing else (engine %s).\n' "$n" "$engine"
	exit 0
fi
printf 'gatherlint demo: %s of %s known findings of the corpus were NOT found, %s findings are unexpected (engine %s):\n' \
	"$miss" "$n" "$extra" "$engine"
LC_ALL=C comm -23 "$t/want" "$t/got" | sed 's/^/  missing: /'
LC_ALL=C comm -13 "$t/want" "$t/got" | sed 's/^/  unexpected: /'
exit 1

#!/bin/sh
# The corpus itself (test-drivers/check-corpus.sh): every driver compiles
# with -Wall -Werror against the minimal headers, carries its markers, has
# well-formed expectations, and is listed in CASES.md.  Runs with or
# without any engine.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

sh "$CORPUS/check-corpus.sh" > "$OUT/corpus-check.out" 2>&1
rc=$?
n=0
while IFS= read -r l; do
	case $l in
	"ok "*) ok "corpus: ${l#ok * - }"; n=$((n + 1)) ;;
	"not ok "*) not_ok "corpus: ${l#not ok * - }"; n=$((n + 1)) ;;
	"#"*) printf '%s\n' "$l" ;;
	esac
done < "$OUT/corpus-check.out"
if [ "$rc" -ne 0 ] || [ "$n" -eq 0 ]; then
	not_ok "corpus: check-corpus.sh exited $rc after $n checks"
fi

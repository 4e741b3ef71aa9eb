#!/bin/sh
# The C core's unit tests (lib/core/test-core.c): the fixpoint with
# recursion, a chain through a format and tlb_add_page, severities per
# core state, every message of the rule table, the records and the
# formats.  Also: the core compiles as C11 and as C++ without a warning,
# and every message text is written once in lib/ and bin/.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$top/lib/core" || exit 1
check "lib/core: the unit tests build" make -s test-core
if [ -x ./test-core ]; then
	(cd "$OUT" && "$top/lib/core/test-core") > "$OUT/test-core.out" 2>&1
	rc=$?
	n=0
	while IFS= read -r l; do
		case $l in
		"ok - "*) ok "core: ${l#ok - }"; n=$((n + 1)) ;;
		"not ok - "*) not_ok "core: ${l#not ok - }"; n=$((n + 1)) ;;
		"#"*) printf '%s\n' "$l" ;;
		esac
	done < "$OUT/test-core.out"
	if [ "$rc" -ne 0 ] || [ "$n" -lt 50 ]; then
		not_ok "core: test-core exited $rc after $n checks"
	fi
fi

c_clean() {
	for f in *.c; do
		gcc -std=c11 -Wall -Wextra -Werror -fsyntax-only "$f" || return 1
	done
}
check "lib/core compiles as C11 with -Wall -Wextra, no warning" c_clean
check "lib/core compiles as C++ with -Wall -Wextra, no warning" make -s cxx

# Every message of the table, written once: its longest literal part
# appears in no other file of lib/, bin/ or checkpatch-hooks/.
once() {
	sed -n 's/^	"\(.*\)",$/\1/p' rules.c | sed 's/%s/\n/g' |
		awk 'length > 24' | LC_ALL=C sort -u > "$OUT/messages.txt"
	[ "$(wc -l < "$OUT/messages.txt")" -gt 20 ] || return 1
	while IFS= read -r m; do
		n=$(grep -rlF -- "$m" "$top/lib" "$top/bin" "$top/checkpatch-hooks" |
			grep -v '/lib/core/rules\.c$' | grep -v '/lib/core/test-core' |
			grep -v '/lib/core/.*\.o$\|/lib/core/.*\.a$\|/lib/gatherlint-core$')
		if [ -n "$n" ]; then
			printf 'also in %s: %s\n' "$n" "$m"
			return 1
		fi
	done < "$OUT/messages.txt"
}
check "every message text is written once (lib/core/rules.c)" once

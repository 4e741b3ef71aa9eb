#!/bin/sh
# check-corpus.sh - self-check of the gatherlint test corpus (this
# directory).  Engine-independent: it needs only gcc, awk and find.
#
#   test-drivers/check-corpus.sh        (from anywhere)
#
# Checks, one TAP-like line each ("ok N - ..." / "not ok N - ..."), then
# the plan "1..N"; exits 1 if any check failed:
#  - the headers under include/ compile together, warning-free;
#  - every .c of the corpus themes (not bad/, not cores/) compiles with
#        gcc -fsyntax-only -Wall -Werror -I include FILE
#  - every mini core's drivers/iommu/iommu.c compiles with its own
#    include/ first: -I cores/NAME/include -I include; its
#    include/linux/iommu.h names its state once (core-probe marker), and
#    only the EXPOSED cores expect core-empty-gather-skip;
#  - every .c (except include/) carries expectations or the clean marker
#    (bad/ files: an expectation or the error-exit marker), never both;
#  - every expectation is well formed (docs/design.md section 2): a SPEC
#    rule, a severity, keys latent|exposed|protected|unknown=SEV|none and
#    engine=cocci|gcc, each key at most once;
#  - findings that belong to a return sit on a line with "return" (or
#    are engine-qualified, e.g. a return hidden in a macro);
#  - the layout the harness relies on: one .c under lone/, no C file
#    under bad/empty/, bad/notes.txt present, at least 44 driver cases.
set -u

here=$(cd "$(dirname "$0")" && pwd -P)
cd "$here" || exit 2

CC=${CC:-gcc}
THEMES="formats fills misses clean ops paths xfile lone"
RULES="unmap-gather-unfilled core-empty-gather-skip pgtable-gather-unfilled unmap-returns-errno analysis-incomplete"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-corpus.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 130' INT
trap 'rm -rf "$tmp"; exit 143' TERM HUP

n=0
failed=0

ok() {
	n=$((n + 1))
	printf 'ok %d - %s\n' "$n" "$1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	printf 'not ok %d - %s\n' "$n" "$1"
	if [ -s "$tmp/log" ]; then
		sed 's/^/#   /' "$tmp/log" | head -20
	fi
}

check() {	# check DESCRIPTION COMMAND...
	d=$1
	shift
	if "$@" > "$tmp/log" 2>&1; then ok "$d"; else not_ok "$d"; fi
	: > "$tmp/log"
}

# A check written as a shell function is called directly, its output in
# $tmp/log, then: report $? DESCRIPTION
report() {
	if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2"; fi
	: > "$tmp/log"
}

# --- the headers -------------------------------------------------------------
find include -name '*.h' | LC_ALL=C sort | sed 's|^include/\(.*\)|#include <\1>|' > "$tmp/allh.c"
check "include/: every header compiles together (-Wall -Wextra -Werror)" \
	"$CC" -fsyntax-only -Wall -Wextra -Werror -I include "$tmp/allh.c"

# --- the corpus files compile ---------------------------------------------------
# shellcheck disable=SC2086
find $THEMES -name '*.c' | LC_ALL=C sort > "$tmp/corpus"
while read -r f; do
	check "$f compiles (-Wall -Werror -I include)" \
		"$CC" -fsyntax-only -Wall -Werror -I include "$f"
done < "$tmp/corpus"

# --- the mini cores --------------------------------------------------------------
for c in cores/*/; do
	c=${c%/}
	check "$c/drivers/iommu/iommu.c compiles (-I $c/include -I include)" \
		"$CC" -fsyntax-only -Wall -Werror -I "$c/include" -I include \
		"$c/drivers/iommu/iommu.c"
	want=$(sed -n 's|.*/\* core-probe: \([A-Z]*\) \*/.*|\1|p' "$c/include/linux/iommu.h" | head -1)
	probe_marker() {
		[ "$(grep -c 'core-probe: ' "$c/include/linux/iommu.h")" -eq 1 ] &&
			grep -q "/\\* core-probe: $want \\*/" "$c/include/linux/iommu.h"
	}
	probe_marker > "$tmp/log" 2>&1
	report $? "$c/include/linux/iommu.h: one core-probe marker, $want"
	skip_expect() {
		k=$(cat "$c/include/linux/iommu.h" "$c/drivers/iommu/iommu.c" |
			grep -c 'expect: core-empty-gather-skip error')
		if [ "$want" = EXPOSED ]; then [ "$k" -eq 1 ]; else [ "$k" -eq 0 ]; fi
	}
	skip_expect > "$tmp/log" 2>&1
	report $? "$c: core-empty-gather-skip expected exactly where the core is EXPOSED"
done

# --- markers and expectations -------------------------------------------------------
find . -path ./include -prune -o -name '*.c' -print | sed 's|^\./||' |
	LC_ALL=C sort > "$tmp/allc"
while read -r f; do
	marked() {
		e=$(grep -c 'expect: ' "$f")
		cl=$(grep -c '/\* gatherlint: clean \*/' "$f")
		x=$(grep -c '/\* gatherlint: error-exit \*/' "$f")
		case $f in
		bad/*) [ "$e" -gt 0 ] || [ "$x" -gt 0 ] ;;
		*) { [ "$e" -gt 0 ] && [ "$cl" -eq 0 ]; } ||
			{ [ "$e" -eq 0 ] && [ "$cl" -gt 0 ]; } ;;
		esac
	}
	marked > "$tmp/log" 2>&1
	report $? "$f: expectations or the clean marker (not both)"
done < "$tmp/allc"

# Every expectation comment: well formed, and on a return line when the
# rule reports a return.  Prints one line per problem.
lint_expectations() {
	awk -v rules="$RULES" '
	BEGIN {
		n = split(rules, r, " ")
		for (i = 1; i <= n; i++) okrule[r[i]] = 1
		oksev["error"] = oksev["warning"] = oksev["note"] = 1
		okstate["latent"] = okstate["exposed"] = okstate["protected"] = okstate["unknown"] = 1
	}
	{
		line = $0
		while (match(line, /expect:[^*]*\*\//)) {
			e = substr(line, RSTART, RLENGTH)
			line = substr(line, RSTART + RLENGTH)
			where = FILENAME ":" FNR
			if (substr($0, 1, index($0, "expect:") - 1) !~ /\/\* *$/) {
				print where ": expectation not opened by \"/* \""
				continue
			}
			sub(/^expect: */, "", e)
			sub(/ *\*\/$/, "", e)
			k = split(e, t, /[ \t]+/)
			if (!(t[1] in okrule)) { print where ": unknown rule \"" t[1] "\""; continue }
			if (!(t[2] in oksev)) { print where ": bad severity \"" t[2] "\""; continue }
			delete seen
			eng = ""
			for (i = 3; i <= k; i++) {
				if (split(t[i], kv, "=") != 2) { print where ": bad key \"" t[i] "\""; continue }
				if (kv[1] in seen) print where ": key " kv[1] " given twice"
				seen[kv[1]] = 1
				if (kv[1] == "engine") {
					if (kv[2] != "cocci" && kv[2] != "gcc")
						print where ": bad engine \"" kv[2] "\""
					eng = kv[2]
				} else if (kv[1] in okstate) {
					if (!(kv[2] in oksev) && kv[2] != "none")
						print where ": bad severity \"" kv[2] "\" for " kv[1]
				} else
					print where ": unknown key \"" kv[1] "\""
			}
			if ((t[1] == "unmap-gather-unfilled" || t[1] == "unmap-returns-errno" ||
			     t[1] == "pgtable-gather-unfilled") && eng == "" && $0 !~ /return/)
				print where ": " t[1] " expected on a line without a return"
			if (t[1] == "core-empty-gather-skip" && FILENAME !~ /^cores\//)
				print where ": core-empty-gather-skip outside the mini cores"
		}
	}' "$@"
}
# shellcheck disable=SC2046
lint_expectations $(cat "$tmp/allc") cores/*/include/linux/iommu.h > "$tmp/lint"
wf() { [ ! -s "$tmp/lint" ] || { cat "$tmp/lint"; return 1; }; }
wf > "$tmp/log" 2>&1
report $? "every expectation is well formed and placed on its return"

# --- layout --------------------------------------------------------------------------
one_lone() { [ "$(find lone -name '*.c' | wc -l)" -eq 1 ]; }
one_lone > "$tmp/log" 2>&1
report $? "lone/ holds exactly one .c (the harness takes the first)"
empty_dir() {
	[ -d bad/empty ] && [ -z "$(find bad/empty \( -name '*.c' -o -name '*.h' \) -print)" ]
}
empty_dir > "$tmp/log" 2>&1
report $? "bad/empty/ holds no C file"
check "bad/notes.txt is present" test -f bad/notes.txt
bad_parse() { grep -l 'expect: analysis-incomplete' bad/*.c > /dev/null; }
bad_parse > "$tmp/log" 2>&1
report $? "bad/ holds a file that does not parse, expecting analysis-incomplete"
enough() {
	k=$(grep -cv '^formats/' "$tmp/corpus")
	echo "$k driver cases"
	[ "$k" -ge 44 ]
}
enough > "$tmp/log" 2>&1
report $? "at least 44 driver cases outside formats/"
cases_md() {
	r=0
	while read -r f; do
		grep -q "$f" CASES.md || { echo "$f is not in CASES.md"; r=1; }
	done < "$tmp/corpus"
	return "$r"
}
cases_md > "$tmp/log" 2>&1
report $? "CASES.md lists every corpus file"

printf '1..%d\n' "$n"
if [ "$failed" -gt 0 ]; then
	printf '# %d of %d checks failed\n' "$failed" "$n"
	exit 1
fi
exit 0

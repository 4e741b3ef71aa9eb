#!/bin/sh
# The differential test (issue 11): on every corpus file of the themes a
# unit decides alone (fills misses clean ops paths lone), the CLI and each
# engine run on its own, as a kernel build or `make coccicheck` runs it,
# must print the same findings: the same set of (file, line, column, rule,
# severity, message).
#
#   cli     bin/gatherlint audit --format=text --fail-on=never --engine=E,
#           once per engine E (cocci, gcc, sparse), one run over the files
#           (they share nothing, so each decides alone; core UNKNOWN, no
#           kernel tree); each leg below is compared with the CLI on its
#           own engine's facts: what differs is the decision alone
#   cocci   spatch -D report, as make coccicheck MODE=report runs it with
#           the SPFLAGS cocci/README.md gives (--macro-file
#           cocci/gatherlint.h); one process over the files, one file group
#           each (--file-groups, as lib/engine-cocci.sh does); coccicheck
#           prints the column 0-based
#   plugin  gcc -c with -fplugin=gcc-plugin/gatherlint_plugin.so, per file
#           (-fdiagnostics-column-unit=byte: the byte column the others
#           print, not GCC's display column that expands tabs; LC_ALL=C:
#           plain quotes)
#   sparse  sparse/gatherlint-sparse, per file
#
# What is compared, and the legitimate exclusions:
# * the rules a unit decides alone: unmap-gather-unfilled and
#   unmap-returns-errno.  Not compared: pgtable-gather-unfilled (needs the
#   format's and its drivers' units: formats/, not a theme here),
#   core-empty-gather-skip (needs the core's units), analysis-incomplete
#   (each engine's own parser: the CLI's cocci engine reads spatch's parse
#   report, lib/parse-check.awk, which make coccicheck does not run).
# * the corpus's engine= markers (docs/design.md section 2: lines where the
#   engines legitimately see different code, e.g. a macro Coccinelle does
#   not expand) need no exclusion: each leg meets the CLI on the same
#   engine's facts.
# * coccicheck only: an ops object written inside a #define body
#   (ops/gum-iommu.c, ops/hazel-iommu.c: s390-style macros) is read by the
#   CLI's textual pre-pass, lib/macro-ops.awk, which spatch does not
#   expand and make coccicheck cannot run; the files whose CLI facts hold
#   such an object (an ops id macro@NAME) are left out of the cocci leg,
#   by name in its line.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$CORPUS" || exit 1

D=$OUT/t27
rm -rf "$D" && mkdir -p "$D"
files=$(find fills misses clean ops paths lone -name '*.c' | LC_ALL=C sort)
RULES='unmap-gather-unfilled|unmap-returns-errno'

# norm: FILE:LINE:COL: SEVERITY: MESSAGE [RULE] lines (and nothing else) as
# FILE<TAB>LINE<TAB>COL<TAB>RULE<TAB>SEVERITY<TAB>MESSAGE, sorted; COL is
# 1-based.  norm0 first turns coccicheck's FILE:LINE:COL0-COL1: into it.
norm() {
	sed -nE "s/^([^:]+):([0-9]+):([0-9]+): (error|warning|note): (.*) \[($RULES)\]\$/\1	\2	\3	\6	\4	\5/p" |
		LC_ALL=C sort -u
}
norm0() {
	awk -F: 'BEGIN { OFS = ":" }
		$3 ~ /^[0-9]+-[0-9]+$/ { split($3, c, "-"); $3 = c[1] + 1 } { print }' | norm
}
# drop FILE...: the findings not in those files
drop() {
	awk -F '\t' -v files=" $* " 'index(files, " " $1 " ") == 0'
}
# same LEG CLI: the leg's findings equal the CLI's (printed: < only the
# CLI's, > only the leg's)
same() {
	diff "$D/$2" "$D/$1" | sed -n "s/^</< $2:/p; s/^>/> $1:/p"
	cmp -s "$D/$2" "$D/$1"
}
nfiles=$(echo "$files" | wc -l)

# cli ENGINE: the CLI's findings on ENGINE's facts in $D/cli-ENGINE
cli() {
	# shellcheck disable=SC2086
	"$GL" audit --engine="$1" --format=text --fail-on=never --facts-out="$D/cli-$1.facts" \
		$files > "$D/cli-$1.raw" 2> "$D/cli-$1.err"
	check "differential: the CLI audits the $nfiles files with --engine=$1 (exit 0)" test $? -eq 0
	norm < "$D/cli-$1.raw" > "$D/cli-$1"
	check "differential: the CLI (--engine=$1) reports findings to compare ($(wc -l < "$D/cli-$1"))" \
		test "$(wc -l < "$D/cli-$1")" -gt 10
}

# --- coccicheck's report mode ----------------------------------------------------
if have_engine cocci; then
	cli cocci
	printf '%s\n' "$files" | awk 'NR > 1 { print "" } { print }' > "$D/groups"
	spatch --very-quiet --no-includes --include-headers \
		--macro-file "$top/cocci/gatherlint.h" -D report \
		--sp-file "$top/cocci/iommu_unmap_gather.cocci" \
		--file-groups "$D/groups" > "$D/cocci.raw" 2> "$D/cocci.err"
	check "differential: spatch -D report runs (exit 0)" test $? -eq 0
	macro=$(awk -F '\t' '$1 == "ops" && $4 ~ /^macro@/ { print $2 }' "$D/cli-cocci.facts" | LC_ALL=C sort -u)
	# shellcheck disable=SC2086
	drop $macro < "$D/cli-cocci" > "$D/cli-cocci.same"
	# shellcheck disable=SC2086
	norm0 < "$D/cocci.raw" | drop $macro > "$D/cocci"
	check "differential: coccicheck report mode = the CLI ($(wc -l < "$D/cocci") findings; ops in #define bodies, left out: $(echo "$macro" | tr "\n" " "))" \
		same cocci cli-cocci.same
else
	not_ok "differential: spatch is missing"
fi

# alone ENGINE WHAT CMD...: CMD (a compiler or checker, alone) on every file,
# its diagnostics normalised, equal to the CLI's on ENGINE's facts
alone() {
	_e=$1
	_what=$2
	shift 2
	cli "$_e"
	: > "$D/$_e.raw"
	bad=
	for f in $files; do
		"$@" "$f" >> "$D/$_e.raw" 2>&1 || bad="$bad $f"
	done
	check "differential: $_what runs on every file${bad:+ (not:$bad)}" test -z "$bad"
	norm < "$D/$_e.raw" > "$D/$_e"
	check "differential: $_what alone = the CLI ($(wc -l < "$D/$_e") findings)" same "$_e" "cli-$_e"
}

# --- the GCC plugin alone (byte columns: GCC counts a tab as 8 by default) -------
if have_engine gcc; then
	alone gcc "the GCC plugin" env LC_ALL=C gcc -c -o /dev/null -I include \
		-fplugin="$top/gcc-plugin/gatherlint_plugin.so" \
		-fdiagnostics-column-unit=byte -fno-diagnostics-show-caret
else
	not_ok "differential: the GCC plugin is not built"
fi

# --- the sparse checker alone -----------------------------------------------------------
if have_engine sparse; then
	alone sparse "the sparse checker" "$top/sparse/gatherlint-sparse" -I include
else
	not_ok "differential: the sparse checker is not built"
fi

# tests/lib.sh - sourced by every tests/t-*.sh: TAP-style ok / not ok
# lines, counted in $TALLY (one line per result) for tests/run.sh.
# shellcheck shell=sh disable=SC2034

top=$(cd "$(dirname "$0")/.." && pwd -P)
GL=$top/bin/gatherlint
CORPUS=$top/test-drivers
OUT=${GATHERLINT_TEST_OUT:-$top/tests/out}
_self=$(basename "$0" .sh)
mkdir -p "$OUT"
: "${TALLY:=$OUT/tally}"
# The cocci engine keeps the facts of each file it ran in this run's
# cache (lib/engine-cocci.sh): each corpus file goes through spatch once
# per make check, not once per test.  GATHERLINT_CACHE= (empty) turns it off.
GATHERLINT_CACHE=${GATHERLINT_CACHE-$OUT/run/cache}
export GATHERLINT_CACHE

ok() {
	printf 'ok - %s\n' "$*"
	echo pass >> "$TALLY"
}

not_ok() {
	printf 'not ok - %s\n' "$*"
	echo fail >> "$TALLY"
}

check() {	# check DESCRIPTION COMMAND...
	_desc=$1
	shift
	if "$@" > "$OUT/last.$_self.log" 2>&1; then ok "$_desc"; else
		not_ok "$_desc"
		sed 's/^/#   /' "$OUT/last.$_self.log" | head -20
	fi
}

skip() {
	printf 'ok - # SKIP %s\n' "$*"
}

# The corpus theme directories (one run, so cross-file facts resolve).
THEMES="formats fills misses clean ops paths xfile lone"

have_engine() {	# have_engine cocci|gcc|sparse
	case $1 in
	cocci) [ -x "$top/lib/engine-cocci.sh" ] && command -v spatch >/dev/null ;;
	gcc) [ -x "$top/lib/engine-gcc.sh" ] && [ -f "$top/gcc-plugin/gatherlint_plugin.so" ] ;;
	sparse) [ -x "$top/lib/engine-sparse.sh" ] && [ -x "$top/sparse/gatherlint-sparse" ] ;;
	*) false ;;
	esac
}

# per_file_cmp LABEL WANT GOT FILES: for each file named in FILES (one a
# line), an ok when the lines of WANT whose first tab-separated field is
# that file equal those of GOT, else a not ok with the missing and the
# extra lines (one awk, not two greps a file)
per_file_cmp() {
	awk -F '\t' -v label="$1" -v want="$2" -v got="$3" -v tally="$TALLY" '
		FILENAME == want { w[$1] = w[$1] $0 "\n"; next }
		FILENAME == got { g[$1] = g[$1] $0 "\n"; next }
		{
			f = $0
			if (w[f] == g[f]) { print "ok - " label " " f; print "pass" >> tally; next }
			print "not ok - " label " " f; print "fail" >> tally
			n = split(w[f], a, "\n"); m = split(g[f], b, "\n")
			for (i = 1; i < n; i++) if (index("\n" g[f], "\n" a[i] "\n") == 0) print "#   missing: " a[i]
			for (i = 1; i < m; i++) if (index("\n" w[f], "\n" b[i] "\n") == 0) print "#   extra:   " b[i]
		}' "$2" "$3" "$4"
}


#!/bin/sh
# Static checks of the repository itself.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 1

# every shell script: a .sh file (sourced ones included) or a file whose
# first line runs sh (the tracked files in a git checkout)
if git rev-parse --git-dir >/dev/null 2>&1; then
	all=$(git ls-files)
else
	all=$(find . -type f ! -path '*/out/*' ! -path './build/*' | sed 's|^\./||')
fi
shfiles=$(for f in $all; do
	[ -f "$f" ] || continue
	case $f in
	*.sh) echo "$f" ;;
	*) head -n 1 "$f" | grep -qE '^#! ?(/usr)?/bin/(env )?(ba|da)?sh' && echo "$f" ;;
	esac
done | LC_ALL=C sort)
for f in $shfiles; do
	check "shellcheck $f" shellcheck -x -s sh "$f"
done

no_python() {
	! grep -rIl --exclude-dir=build --exclude-dir=.git --exclude-dir=out \
		-e 'script:python' -e '^#!.*python' . | grep -v '^./tests/t00-static.sh$'
}
check "no Python anywhere" no_python

for c in cocci/*.cocci; do
	[ -f "$c" ] || continue
	rendered() {
		cp "$c" "$OUT/api.cocci" && lib/gen-api.sh cocci "$OUT/api.cocci" &&
			cmp "$c" "$OUT/api.cocci"
	}
	check "$c carries the rendering of lib/gather-api.txt and lib/core/rules.c" rendered
	# outside the generated region: no rule id, checkpatch TYPE or message
	# text of lib/core/rules.c (git grep finds each in one place)
	no_copy() {
		sed '/gatherlint-api-begin/,/gatherlint-api-end/d' "$c" > "$OUT/api-rest.cocci" &&
			sed -nE 's/^\t\{ "([a-z-]+)", "([A-Z_]+)".*/\1\n\2/p; s/^\t"(.*)",$/\1/p' lib/core/rules.c |
			sed 's/%s/\n/g' | awk 'length($0) > 20 || /^[a-zA-Z_-]+$/' > "$OUT/api-texts" &&
			! grep -nF -f "$OUT/api-texts" "$OUT/api-rest.cocci"
	}
	check "$c copies no rule id, TYPE or message text of lib/core/rules.c" no_copy
	once() {
		[ "$(grep -c 'Options:' "$c")" -le 1 ] && [ "$(grep -c 'Requires:' "$c")" -le 1 ]
	}
	check "$c: Options:/Requires: appear at most once (scripts/coccicheck greps them)" once
	modes() {
		for m in patch context org report; do
			grep -q "^virtual $m" "$c" || return 1
		done
	}
	check "$c declares the four coccicheck modes" modes
done

sh_rendered() { lib/gen-api.sh sh | cmp - lib/gather-api.sh; }
check "lib/gather-api.sh is the rendering of lib/gather-api.txt" sh_rendered
# the C render is built, not committed (make regenerates it): a header
# built before the last change of lib/gather-api.txt is stale
for h in lib/core/gather_api.h sparse/gather_api.h gcc-plugin/gather_api.h; do
	[ -f "$h" ] || continue
	c_rendered() { lib/gen-api.sh c | cmp - "$h"; }
	check "$h is the rendering of lib/gather-api.txt (make rebuilds it)" c_rendered
done
bad_row() {
	mkdir -p "$OUT/badapi/core" && cp lib/gen-api.sh lib/core/rules.c "$OUT/badapi/" &&
		mv "$OUT/badapi/rules.c" "$OUT/badapi/core/" &&
		{ cat lib/gather-api.txt; printf 'fil\tiommu_typo\t0\n'; } > "$OUT/badapi/gather-api.txt" &&
		{ "$OUT/badapi/gen-api.sh" sh > /dev/null 2> "$OUT/badapi/err"; [ $? -eq 2 ]; } &&
		grep -q "bad row" "$OUT/badapi/err"
}
check "gen-api.sh: a row of an unknown kind in lib/gather-api.txt is an error (exit 2)" bad_row

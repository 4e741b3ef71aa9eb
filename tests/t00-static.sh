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
	check "$c carries the rendering of lib/gather-api.txt" rendered
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

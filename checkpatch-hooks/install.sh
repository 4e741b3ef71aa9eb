#!/bin/sh
# install.sh GIT_DIR - install gatherlint's pre-commit and
# sendemail-validate hooks into GIT_DIR/hooks.  An existing hook is kept
# as NAME.pre-gatherlint and chained: it runs first and its failure stops
# the commit or mail.  Installing twice changes nothing.
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
gitdir=${1:-}
[ -n "$gitdir" ] || gitdir=$(git rev-parse --absolute-git-dir 2>/dev/null) ||
	{ echo "install.sh: give GIT_DIR=<repo>/.git" >&2; exit 2; }
[ -d "$gitdir" ] || { echo "install.sh: $gitdir is not a directory" >&2; exit 2; }
gl=${GATHERLINT:-}
if [ -z "$gl" ]; then
	for c in "$here/../bin/gatherlint" "$here/../../../bin/gatherlint"; do
		[ -x "$c" ] && { gl=$(cd "$(dirname "$c")" && pwd -P)/gatherlint; break; }
	done
fi
[ -n "$gl" ] || gl=$(command -v gatherlint) || { echo "install.sh: cannot find gatherlint" >&2; exit 2; }
mkdir -p "$gitdir/hooks"
for h in pre-commit sendemail-validate; do
	dst=$gitdir/hooks/$h
	if [ -e "$dst" ] && ! grep -q 'gatherlint-hook-stub' "$dst"; then
		mv "$dst" "$dst.pre-gatherlint"
	fi
	tmp=$(mktemp "$dst.XXXXXX")
	# shellcheck disable=SC2016
	{
		echo '#!/bin/sh'
		echo '# gatherlint-hook-stub: runs the chained hook, then gatherlint'"'"'s.'
		echo 'hookdir=$(cd "$(dirname "$0")" && pwd -P)'
		echo "if [ -x \"\$hookdir/$h.pre-gatherlint\" ]; then"
		echo "	\"\$hookdir/$h.pre-gatherlint\" \"\$@\" || exit \$?"
		echo 'fi'
		echo "GATHERLINT='$gl' exec '$here/$h' \"\$@\""
	} > "$tmp"
	chmod 0755 "$tmp"
	mv "$tmp" "$dst"
	echo "installed $dst"
done

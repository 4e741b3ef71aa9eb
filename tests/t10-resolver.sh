#!/bin/sh
# The resolver on hand-written fact files (tests/resolver/*.facts): the
# verdicts, chains, severities and fix list are exactly the reviewed
# *.STATE.expected files.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$top/tests/resolver" || exit 1
for f in *.facts; do
	for s in UNKNOWN EXPOSED PROTECTED; do
		exp=${f%.facts}.$s.expected
		if "$top/lib/gatherlint-core" resolve --core="$s" --root=. < "$f" |
			diff -u "$exp" - > "$OUT/resolver.diff"; then
			ok "resolver $f $s"
		else
			not_ok "resolver $f $s"
			sed 's/^/#   /' "$OUT/resolver.diff" | head -20
		fi
	done
done

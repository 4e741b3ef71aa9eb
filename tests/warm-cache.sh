#!/bin/sh
# tests/warm-cache.sh - run by tests/run.sh before the lanes start: the
# corpus's facts into this run's cache (tests/lib.sh), so that the tests
# that audit the corpus at once read them instead of each running spatch
# on the same files.  Checks nothing: the tests do.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
[ -n "$GATHERLINT_CACHE" ] && have_engine cocci || exit 0
# shellcheck disable=SC2086
(cd "$CORPUS" && "$GL" audit --fail-on=never --format=tsv $THEMES) > /dev/null 2>&1
exit 0

#!/bin/sh
# tests/run.sh - the whole test suite (make check).  Runs tests/tNN-*.sh;
# every check prints one ok / not ok line; ends with the line
# "N passed, N failed" and exits non-zero on any failure.
#
# On a machine with two or more CPUs the tests run in two lanes at once:
# the kernel lane (the tests that use a real kernel tree, tests/kernel/) and
# the corpus lane (all others); each lane runs its tests in order, and each
# test's lines are printed as one block when it ends, with its seconds.
# GATHERLINT_TEST_JOBS=1 runs everything in one lane, in order.
# --quick (make check-quick) runs the corpus tests only (no kernel tree),
# in two lanes that share them when there are two CPUs.
# ONLY=PATTERN runs the tests whose name contains PATTERN.
set -u
top=$(cd "$(dirname "$0")/.." && pwd -P)
OUT=${GATHERLINT_TEST_OUT:-$top/tests/out}
export GATHERLINT_TEST_OUT="$OUT"
mkdir -p "$OUT/run"
TALLY=$OUT/tally
export TALLY
: > "$TALLY"
rm -rf "$OUT"/run/*

jobs=${GATHERLINT_TEST_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
case $jobs in '' | *[!0-9]*) jobs=1 ;; esac

# one_test FILE: runs it, prints its block (output, then its seconds)
one_test() {
	_n=$(basename "$1")
	_log=$OUT/run/$_n.log
	_t0=$(date +%s)
	{
		printf '# %s\n' "$_n"
		if ! ( sh "$1"; _r=$?; times > "$_log.cpu"; exit "$_r" ); then
			printf 'not ok - %s exited non-zero\n' "$_n"
			echo fail >> "$TALLY"
		fi
	} > "$_log" 2>&1
	# (times: the CPU seconds of the test and all it ran)
	_cpu=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, a, "m"); sub(/s$/, "", a[2]); s += a[1] * 60 + a[2] } printf "%d", s }' "$_log.cpu" 2>/dev/null)
	printf '# %s took %ss, cpu %ss\n' "$_n" "$(($(date +%s) - _t0))" "${_cpu:-?}" >> "$_log"
	# one block at a time: the other lane may be printing
	while ! mkdir "$OUT/run/lock" 2>/dev/null; do sleep 1; done
	cat "$_log"
	rmdir "$OUT/run/lock"
}

# lane kernel|corpus|all [shared]: the lane's tests, in order; with
# "shared", each test is taken by the first lane to reach it (a claim
# directory), so that two lanes share one list
# The tests in the order a lane takes them: with "shared", the corpus tests
# by their seconds in make check-quick, longest first, so that two lanes end
# about together (the last ones are the shortest); then any other by name.
heavy="t30-cli.sh t40-fix.sh t25-plugin.sh t27-differential.sh t00-static.sh
	t70-hooks.sh t20-engines.sh t35-scope.sh t22-slice.sh t50-install.sh
	t05-corpus.sh t11-core-unit.sh t10-resolver.sh"
tests_in_order() {
	_mode=${1-}
	# shellcheck disable=SC2086
	set -- $heavy
	_hv=" $* "
	if [ "$_mode" = shared ]; then
		for h; do [ -f "$top/tests/$h" ] && echo "$top/tests/$h"; done
	fi
	for t in "$top"/tests/t[0-9]*.sh; do
		case $_hv in *" ${t##*/} "*) [ "$_mode" = shared ] && continue ;; esac
		echo "$t"
	done
}

lane() {
	tests_in_order "${2-}" | while IFS= read -r t; do
		[ -n "${ONLY-}" ] && case $t in *"$ONLY"*) ;; *) continue ;; esac
		if grep -q 'tests/kernel/\|kernel/tree' "$t"; then k=kernel; else k=corpus; fi
		[ "$1" = all ] || [ "$1" = "$k" ] || continue
		if [ "${2-}" = shared ]; then
			mkdir "$OUT/run/claim.${t##*/}" 2>/dev/null || continue
		fi
		one_test "$t" < /dev/null
	done
}

t0=$(date +%s)
sh "$top/tests/warm-cache.sh"
if [ "${1-}" = --quick ] && [ "$jobs" -ge 2 ]; then
	lane corpus shared &
	qpid=$!
	lane corpus shared
	wait "$qpid"
elif [ "${1-}" = --quick ]; then
	lane corpus
elif [ "$jobs" -ge 2 ]; then
	lane kernel &
	kpid=$!
	lane corpus
	wait "$kpid"
else
	lane all
fi
passed=$(grep -c '^pass$' "$TALLY")
failed=$(grep -c '^fail$' "$TALLY")
printf '# make check took %ss (%s lane(s))\n' "$(($(date +%s) - t0))" "$([ "$jobs" -ge 2 ] && echo 2 || echo 1)"
printf '%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

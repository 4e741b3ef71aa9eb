#!/bin/sh
# engine-sparse.sh - the sparse engine, as the CLI drives it.
#
#   engine-sparse.sh facts ROOT FILE...          facts (lib/core/gatherlint.h 3) on stdout
#   engine-sparse.sh fix ROOT FIXLIST FILE...    a -p1 unified diff on stdout
#   engine-sparse.sh version                     the tool, as the self-check names it
#
# FILEs are relative to ROOT.  Each C file is read by sparse/gatherlint-sparse
# (sparse's library: parse, linearize, basic blocks) which writes its facts.
# Headers are seen through the files that include them.  A file sparse cannot
# parse becomes an `incomplete` fact, never a silent pass.
#
# Plain files (the corpus, an out-of-tree module): gatherlint-sparse -I the
# nearest include/ at or above ROOT.  Inside a configured kernel tree (with
# .config): kbuild runs it, `make C=2 CHECK="gatherlint-sparse
# -fgatherlint-db=DIR" FILE.o...`, so the flags are kbuild's own (CHECKFLAGS,
# the compiler's flags); only the files the configuration builds (those with
# a saved .FILE.o.cmd: build the tree first) are checked, the others are
# `incomplete` facts.  kbuild also compiles an object that is out of date.
#
# The fix mode is the Coccinelle engine's (engine-cocci.sh fix): sparse
# reads a unit, it does not write source text; the fix list (the X lines)
# comes from the sparse engine's own facts.
#
# GATHERLINT_JOBS=N runs N checks at a time; GATHERLINT_SPARSE_FLAGS adds
# flags for plain files.
set -u
here=$(cd "$(dirname "$0")" && pwd -P)
home=$(cd "$here/.." && pwd -P)
checker=$home/sparse/gatherlint-sparse
[ -x "$checker" ] || checker=$home/share/gatherlint/sparse/gatherlint-sparse

# shellcheck source=lib/engine-common.sh
. "$here/engine-common.sh"

[ -x "$checker" ] ||
	die "the sparse checker is not built ($home/sparse/gatherlint-sparse missing): run lib/deps.sh check and make"

mode=${1-}
if [ "$mode" = version ]; then
	printf 'gatherlint-sparse (libsparse %s)\n' \
		"$(cat "$home/build/libsparse/src/.gatherlint-version" 2>/dev/null || echo '?')"
	exit 0
fi
if [ "$mode" = fix ]; then
	shift
	exec "$here/engine-cocci.sh" fix "$@"
fi
[ $# -ge 2 ] || die "usage: engine-sparse.sh facts|fix ROOT ..."
root=$(cd "$2" 2>/dev/null && pwd -P) || die "cannot enter $2"
shift 2
cd "$root" || die "cannot enter $root"

if [ "$mode" != one ]; then
	engine_tmp sparse
fi

# a kernel tree at or above ROOT (ktop, rel), else the include directory
find_tree "$root"
if [ -n "$ktop" ]; then
	[ -f "$ktop/.config" ] ||
		die "the sparse engine needs a configured and built kernel tree" \
			"($ktop has no .config): make allmodconfig prepare" \
			"drivers/iommu/, or use --engine=cocci"
fi

jobs=${GATHERLINT_JOBS:-}
[ -n "$jobs" ] || jobs=$(nproc 2>/dev/null || echo 1)

case $mode in
facts)
	c_files "$@" || exit 0
	: > "$tmp/plain"
	: > "$tmp/objs"
	while IFS= read -r f; do
		case $f in
		/*) printf '%s\n' "$f" >> "$tmp/plain"; continue ;;
		esac
		if [ -z "$ktop" ]; then
			printf '%s\n' "$f" >> "$tmp/plain"
			continue
		fi
		kf=$rel$f
		if [ -f "$ktop/$(dirname "$kf")/.$(basename "$kf" .c).o.cmd" ]; then
			printf '%s\n' "${kf%.c}.o" >> "$tmp/objs"
		else
			printf 'incomplete\t%s\t1\t-\t%s%s\n' "$f" \
				"not built in this kernel configuration (no saved" \
				" kbuild command); build it or use --engine=cocci"
		fi
	done < "$tmp/files"
	# plain files: one check per file, N at a time
	if [ -s "$tmp/plain" ]; then
		tr '\n' '\0' < "$tmp/plain" |
			GATHERLINT_DB=$tmp/db GATHERLINT_INC=$incdir \
			xargs -0 -P "$jobs" -n "$(batch "$(wc -l < "$tmp/plain")" "$jobs")" \
			"$here/engine-sparse.sh" one "$root"
	fi
	# kernel files: kbuild runs the checker on the objects, C=2
	if [ -s "$tmp/objs" ]; then
		# shellcheck disable=SC2046
		(cd "$ktop" && make -k -j"$jobs" C=2 \
			CHECK="$checker -fgatherlint-db=$tmp/db" \
			$(cat "$tmp/objs")) > "$tmp/kbuild.log" 2>&1
		while IFS= read -r o; do
			f=${o%.o}.c
			db_name "$f"
			base=$tmp/db/$dbn
			set -- "$base".*.facts
			[ -f "$1" ] && continue
			why=$(grep -m1 -E 'error|Error' "$tmp/kbuild.log" | tr '\t' ' ' | cut -c1-160)
			printf 'incomplete\t%s\t1\t-\tsparse did not check this file: %s\n' \
				"${f#"$rel"}" "${why:-no facts written}"
		done < "$tmp/objs"
	fi
	while IFS= read -r f; do
		db_name "$f"
		base=$tmp/db/$dbn
		[ -f "$base.failed" ] || continue
		why=$(grep -m1 'error' "$base.failed" | tr '\t' ' ' | cut -c1-160)
		printf 'incomplete\t%s\t1\t-\tsparse failed on this file: %s\n' \
			"$f" "${why:-crash}"
	done < "$tmp/plain"
	for f in "$tmp"/db/*.facts; do
		[ -f "$f" ] || continue
		grep -E '^(fn|ret|ops|bind|fmtinit|fmtid|incomplete|nullcall)	' "$f"
	done | awk -F '\t' -v OFS='\t' -v rel="$rel" '
		# kbuild names files from the tree top: make them ROOT-relative
		rel != "" && index($2, rel) == 1 { $2 = substr($2, length(rel) + 1) }
		{ print }'
	exit 0
	;;
one)
	# Some plain files (run by xargs above), facts into $GATHERLINT_DB.
	for f; do
		db_name "$f"
		base=$GATHERLINT_DB/$dbn
		# shellcheck disable=SC2086
		if ! "$checker" -fgatherlint-db="$GATHERLINT_DB" \
			${GATHERLINT_INC:+-I "$GATHERLINT_INC"} ${GATHERLINT_SPARSE_FLAGS:-} \
			"$f" > "$base.err" 2>&1; then
			mv "$base.err" "$base.failed"
		else
			rm -f "$base.err"
		fi
	done
	exit 0
	;;
*)
	die "usage: engine-sparse.sh facts|fix ROOT ..."
	;;
esac

#!/bin/sh
# engine-gcc.sh - the GCC plugin engine, as the CLI drives it.
#
#   engine-gcc.sh facts ROOT FILE...          facts (docs/design.md 3) on stdout
#   engine-gcc.sh fix ROOT FIXLIST FILE...    a -p1 unified diff on stdout
#
# FILEs are relative to ROOT.  Each C file is compiled (code generation
# discarded) with gcc -fplugin=gatherlint_plugin.so; the plugin writes one
# facts file per translation unit into a temporary directory.  Headers
# are seen through the files that include them.  A file that does not
# compile becomes an `incomplete` fact, never a silent pass.
# GATHERLINT_JOBS=N compiles N files at a time; GATHERLINT_CC names the
# compiler (default gcc); GATHERLINT_CFLAGS adds flags.
set -u
here=$(cd "$(dirname "$0")" && pwd -P)
home=$(cd "$here/.." && pwd -P)
plugin=$home/gcc-plugin/gatherlint_plugin.so
[ -r "$plugin" ] || plugin=$home/share/gatherlint/gcc-plugin/gatherlint_plugin.so

die() { printf 'gatherlint: %s\n' "$*" >&2; exit 2; }

cc=${GATHERLINT_CC:-gcc}
command -v "$cc" >/dev/null 2>&1 || die "$cc is missing: apt-get install gcc"
[ -r "$plugin" ] ||
	die "the GCC plugin is not built ($home/gcc-plugin/gatherlint_plugin.so missing): run make"

mode=${1-}
[ $# -ge 2 ] || die "usage: engine-gcc.sh facts|fix ROOT ..."
root=$(cd "$2" 2>/dev/null && pwd -P) || die "cannot enter $2"
shift 2
cd "$root" || die "cannot enter $root"

if [ "$mode" != one ]; then
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/gatherlint-gcc.XXXXXX") ||
		die "cannot create a temporary directory"
	trap 'rm -rf "$tmp"' EXIT
	trap 'rm -rf "$tmp"; exit 130' INT
	trap 'rm -rf "$tmp"; exit 143' TERM HUP
fi

# The include directory: the nearest include/ at or above ROOT.
incdir=
d=$(pwd -P)
while :; do
	if [ -d "$d/include" ]; then incdir=$d/include; break; fi
	[ "$d" = / ] && break
	d=$(dirname "$d")
done

jobs=${GATHERLINT_JOBS:-}
[ -n "$jobs" ] || jobs=$(nproc 2>/dev/null || echo 1)

# compile FILE DBDIR [EXTRA...]: stderr into DBDIR/FILE-as-name.err
compile() {
	f=$1
	db=$2
	shift 2
	# shellcheck disable=SC2086
	LC_ALL=C "$cc" -c -o /dev/null -w ${incdir:+-I "$incdir"} \
		${GATHERLINT_CFLAGS:-} \
		-fplugin="$plugin" -fplugin-arg-gatherlint_plugin-db="$db" \
		"$@" "$f"
}

case $mode in
facts)
	[ $# -gt 0 ] || exit 0
	mkdir "$tmp/db"
	for f; do
		case $f in *.c) printf '%s\n' "$f" ;; esac
	done > "$tmp/files"
	[ -s "$tmp/files" ] || exit 0
	tr '\n' '\0' < "$tmp/files" |
		GATHERLINT_DB=$tmp/db xargs -0 -P "$jobs" -n 1 \
			"$here/engine-gcc.sh" one "$root"
	# Every file that did not compile: `incomplete`, at line 1.
	while IFS= read -r f; do
		e=$tmp/db/$(printf '%s' "$f" | tr '/' '+').failed
		[ -f "$e" ] || continue
		why=$(grep -m1 'error:' "$e" | sed 's/^[^:]*:[0-9]*:[0-9]*: error: //' |
			tr '\t' ' ' | cut -c1-160)
		printf 'incomplete\t%s\t1\t-\tgcc cannot compile this file: %s\n' \
			"$f" "${why:-compiler failure}"
	done < "$tmp/files"
	for f in "$tmp"/db/*.facts; do
		[ -f "$f" ] || continue
		grep -E '^(fn|ret|ops|bind|fmtinit|fmtid|incomplete)	' "$f"
	done
	exit 0
	;;
one)
	# One file (run by xargs above), facts into $GATHERLINT_DB.
	f=$1
	base=$(printf '%s' "$f" | tr '/' '+')
	if ! compile "$f" "$GATHERLINT_DB" 2> "$GATHERLINT_DB/$base.err"; then
		mv "$GATHERLINT_DB/$base.err" "$GATHERLINT_DB/$base.failed"
	fi
	exit 0
	;;
fix)
	[ $# -ge 2 ] || exit 0
	fixlist=$1
	shift
	case $fixlist in /*) ;; *) fixlist=$(cd "$(dirname "$fixlist")" && pwd -P)/$(basename "$fixlist") ;; esac
	mkdir "$tmp/db" "$tmp/new"
	for f; do
		case $f in *.c) ;; *) continue ;; esac
		# The plugin's fix-it hints, as GCC's own patch...
		compile "$f" "$tmp/db" \
			-fplugin-arg-gatherlint_plugin-fixlist="$fixlist" \
			-fdiagnostics-generate-patch -fno-diagnostics-color \
			> "$tmp/out" 2> "$tmp/err" ||
			{ head -5 "$tmp/err" >&2; die "gcc failed on $f"; }
		# what the plugin could not fix goes to stderr
		grep 'note: gatherlint: cannot' "$tmp/err" >&2
		awk '/^--- /{p=1} p' "$tmp/err" > "$tmp/gccpatch"
		[ -s "$tmp/gccpatch" ] || continue
		# ...applied to a copy, then rewritten as diff -up does (the
		# same text as the cocci engine's patch, hunk headers included).
		mkdir -p "$tmp/new/$(dirname "$f")"
		cp "$f" "$tmp/new/$f"
		patch -s -o "$tmp/new/$f.fixed" "$tmp/new/$f" < "$tmp/gccpatch" >&2 ||
			die "the fix-it hints for $f do not apply"
		diff -u -p --label "a/$f" --label "b/$f" "$f" "$tmp/new/$f.fixed"
	done
	exit 0
	;;
*)
	die "usage: engine-gcc.sh facts|fix ROOT ..."
	;;
esac

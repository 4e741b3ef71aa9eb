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
#
# Plain files (the corpus, an out-of-tree module): gcc -I the nearest
# include/ at or above ROOT.  Inside a configured kernel tree (kbuild, with
# .config): the command line kbuild saved for the file (.FILE.o.cmd) is
# replayed with the plugin added, so a tree must have been built (make
# drivers/iommu/ is enough for the IOMMU drivers); a file the
# configuration does not build is an `incomplete` fact.
#
# GATHERLINT_JOBS=N compiles N files at a time; GATHERLINT_CC names the
# compiler for plain files (default gcc); GATHERLINT_CFLAGS adds flags.
set -u
here=$(cd "$(dirname "$0")" && pwd -P)
home=$(cd "$here/.." && pwd -P)
plugin=$home/gcc-plugin/gatherlint_plugin.so
[ -r "$plugin" ] || plugin=$home/share/gatherlint/gcc-plugin/gatherlint_plugin.so

# shellcheck source=lib/engine-common.sh
. "$here/engine-common.sh"

cc=${GATHERLINT_CC:-gcc}
command -v "$cc" >/dev/null 2>&1 || die "$cc is missing: apt-get install gcc"
[ -r "$plugin" ] ||
	die "the GCC plugin is not built ($home/gcc-plugin/gatherlint_plugin.so missing): run make"

mode=${1-}
# version: the tool, as the self-check names it
if [ "$mode" = version ]; then
	printf '%s %s with %s\n' "$cc" "$($cc -dumpfullversion 2>/dev/null)" "$plugin"
	exit 0
fi
[ $# -ge 2 ] || die "usage: engine-gcc.sh facts|fix ROOT ..."
root=$(cd "$2" 2>/dev/null && pwd -P) || die "cannot enter $2"
shift 2
cd "$root" || die "cannot enter $root"

if [ "$mode" != one ]; then
	engine_tmp gcc
fi

# A kernel tree at or above ROOT (ktop), ROOT's path inside it (rel); else
# the include directory for plain files: the nearest include/ at or above.
ktop=
rel=
incdir=
d=$root
while :; do
	if [ -z "$incdir" ] && [ -d "$d/include" ]; then incdir=$d/include; fi
	if [ -f "$d/Kbuild" ] && [ -f "$d/Kconfig" ] && [ -f "$d/Makefile" ] &&
		[ -d "$d/include/linux" ]; then
		ktop=$d
		break
	fi
	[ "$d" = / ] && break
	d=$(dirname "$d")
done
if [ -n "$ktop" ]; then
	[ -f "$ktop/.config" ] ||
		die "the GCC engine needs a configured and built kernel tree" \
			"($ktop has no .config): make allmodconfig prepare" \
			"drivers/iommu/, or use --engine=cocci"
	case $root in "$ktop") rel= ;; *) rel=${root#"$ktop"/}/ ;; esac
fi

jobs=${GATHERLINT_JOBS:-}
[ -n "$jobs" ] || jobs=$(nproc 2>/dev/null || echo 1)

# kcmd FILE: the compiler command kbuild saved for FILE (relative to
# ktop), without the steps that follow it (objtool), its output
# discarded and its dependency file dropped; fails if there is none.
kcmd() {
	c=$ktop/$(dirname "$1")/.$(basename "$1" .c).o.cmd
	[ -f "$c" ] || return 1
	sed -n '1{
		s/^[a-z]*cmd_[^ ]* := //
		s/\$\$/$/g
		s/\\#/#/g
		s/ -Wp,-MMD,[^ ]*//
		s/ *; .*//
		s/ -o [^ ]*\.o / -o \/dev\/null /
		s/ -fplugin=[^ ]*gatherlint_plugin\.so//g
		s/ -fplugin-arg-gatherlint_plugin-[^ ]*//g
		p
	}' "$c"
}

# compile FILE DBDIR [EXTRA...]: run the compiler with the plugin
compile() {
	f=$1
	db=$2
	shift 2
	case $f in
	/*) ktree= ;;	# a file outside the tree (the self-check's canary): plain
	*) ktree=$ktop ;;
	esac
	if [ -n "$ktree" ]; then
		cmd=$(kcmd "$rel$f") || return 3
		[ -n "$cmd" ] || return 3
		extra=
		for a; do extra="$extra '$a'"; done
		(cd "$ktop" && LC_ALL=C sh -c "$cmd -w '-fplugin=$plugin' \
			'-fplugin-arg-gatherlint_plugin-db=$db'$extra")
		return
	fi
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
	# Every file that was not analysed: `incomplete`, at line 1.
	while IFS= read -r f; do
		e=$tmp/db/$(printf '%s' "$f" | tr '/' '+')
		if [ -f "$e.unbuilt" ]; then
			printf 'incomplete\t%s\t1\t-\t%s%s\n' "$f" \
				"not built in this kernel configuration (no saved" \
				" kbuild command); build it or use --engine=cocci"
		elif [ -f "$e.failed" ]; then
			why=$(grep -m1 'error:' "$e.failed" |
				sed 's/^[^:]*:[0-9]*:[0-9]*: error: //' |
				tr '\t' ' ' | cut -c1-160)
			printf 'incomplete\t%s\t1\t-\tgcc cannot compile this file: %s\n' \
				"$f" "${why:-compiler failure}"
		fi
	done < "$tmp/files"
	for f in "$tmp"/db/*.facts; do
		[ -f "$f" ] || continue
		grep -E '^(fn|ret|ops|bind|fmtinit|fmtid|incomplete)	' "$f"
	done | awk -F '\t' -v OFS='\t' -v rel="$rel" '
		# kbuild names files from the tree top: make them ROOT-relative
		rel != "" && index($2, rel) == 1 { $2 = substr($2, length(rel) + 1) }
		{ print }'
	exit 0
	;;
one)
	# One file (run by xargs above), facts into $GATHERLINT_DB.
	f=$1
	base=$GATHERLINT_DB/$(printf '%s' "$f" | tr '/' '+')
	compile "$f" "$GATHERLINT_DB" 2> "$base.err"
	case $? in
	0) ;;
	3) mv "$base.err" "$base.unbuilt" ;;
	*) mv "$base.err" "$base.failed" ;;
	esac
	exit 0
	;;
fix)
	[ $# -ge 2 ] || exit 0
	fixlist=$(abs_path "$1") || die "cannot find $1"
	shift
	# The fix list names files from ROOT; kbuild compiles them from the
	# tree top.
	if [ -n "$rel" ]; then
		awk -F '\t' -v OFS='\t' -v rel="$rel" '$1 == "X" { $2 = rel $2 } { print }' \
			"$fixlist" > "$tmp/fixlist"
		fixlist=$tmp/fixlist
	fi
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
		# GCC's patch, the lines after an inserted blank line repaired
		awk -f "$here/gcc-patch.awk" "$tmp/err" > "$tmp/gccpatch"
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

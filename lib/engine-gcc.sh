#!/bin/sh
# engine-gcc.sh - the GCC plugin engine, as the CLI drives it.
#
#   engine-gcc.sh facts ROOT FILE...          facts (docs/design.md 3) on stdout
#   engine-gcc.sh fix ROOT FIXLIST FILE...    a -p1 unified diff on stdout
#
# FILEs are relative to ROOT.  Each C file is compiled (code generation
# discarded) with gcc -fplugin=gatherlint_plugin.so; the plugin writes one
# facts file per translation unit into a temporary directory.  Headers
# are seen through the files that include them; a candidate header no
# candidate C file includes (a template: 7.x's generic page tables) is
# compiled through the C files under its directory that include it
# (includers below).  A file that does not
# compile becomes an `incomplete` fact, never a silent pass.
#
# Plain files (the corpus, an out-of-tree module): gcc -I the nearest
# include/ at or above ROOT.
#
# Inside a configured kernel tree (kbuild, a .config): kbuild compiles, with
# the tree's ARCH, CROSS_COMPILE and O= (from the environment as kbuild
# takes them: ARCH, CROSS_COMPILE, KBUILD_OUTPUT; the CLI turns its ARCH=,
# CROSS_COMPILE= and O= arguments into these; unset, they are read from the
# .config: its header names the architecture, CONFIG_CC_VERSION_TEXT the
# compiler).  The plugin is the one built for that compiler
# (gcc-plugin/build/<triplet>-<version>/, built on demand).  A file whose
# object kbuild saved a command for (.FILE.o.cmd) is recompiled with that
# command and the plugin added; the objects of the other files the
# configuration builds are built by kbuild itself, one make of just those
# objects (make [ARCH=] [CROSS_COMPILE=] [O=] KCFLAGS=-fplugin=... dir/f.o
# ...), which prepares the tree first if it must.  What the configuration
# builds is kbuild's own answer (scripts/Makefile.build reading each
# directory's Makefile with the .config, lib/kbuild-objs.mk); a file it does
# not build is an `incomplete` fact naming the Kconfig symbol that would
# build it.
#
# GATHERLINT_JOBS=N compiles N files at a time (kbuild: make -jN);
# GATHERLINT_CC names the compiler for plain files (default gcc);
# GATHERLINT_CFLAGS adds flags; GATHERLINT_KBUILD_LOG=FILE keeps the output
# of the kbuild build.
set -u
here=$(cd "$(dirname "$0")" && pwd -P)
home=$(cd "$here/.." && pwd -P)

# shellcheck source=lib/engine-common.sh
. "$here/engine-common.sh"

cc=${GATHERLINT_CC:-gcc}
objtree=
srcprefix=
kargs=

# cc_package CC: the Debian package of the compiler CC
cc_package() {
	case ${1##*/} in
	*-gcc) printf 'gcc-%s\n' "${1##*/}" | sed 's/-gcc$//' ;;
	*) printf '%s\n' "${1##*/}" ;;
	esac
}

# plugin_for CC: the path of the plugin built for CC; builds it (from the
# source tree) when it is missing; dies naming the package that is missing.
plugin_for() {
	command -v "$1" >/dev/null 2>&1 ||
		die "$1 is missing: apt-get install $(cc_package "$1")"
	if ! _t=$("$1" -dumpmachine 2>/dev/null) ||
		! _v=$("$1" -dumpfullversion 2>/dev/null); then
		die "$1 does not run"
	fi
	_p=$home/gcc-plugin/build/$_t-$_v/gatherlint_plugin.so
	# in the source tree make keeps it up to date; installed, it must be there
	if [ -f "$home/gcc-plugin/Makefile" ] || [ ! -r "$_p" ]; then
		[ -f "$home/gcc-plugin/Makefile" ] ||
			die "the GCC plugin is not built for $1 $_v ($_p): run" \
				"make -C gcc-plugin CC=$1 in the gatherlint source, and install it"
		if ! make -s -C "$home/gcc-plugin" CC="$1" all > "$tmp/plugin.log" 2>&1; then
			_m=$(sed -n 's/^gatherlint: //p' "$tmp/plugin.log" | head -1)
			die "${_m:-the plugin for $1 does not build: $(grep -m1 'error' "$tmp/plugin.log")}"
		fi
		[ -r "$_p" ] || die "the plugin for $1 was not built ($_p)"
	fi
	printf '%s\n' "$_p"
}

mode=${1-}
# version: the tool, as the self-check names it
if [ "$mode" = version ]; then
	printf '%s %s with the gatherlint GCC plugin\n' "$cc" "$($cc -dumpfullversion 2>/dev/null)"
	exit 0
fi
[ $# -ge 2 ] || die "usage: engine-gcc.sh facts|fix ROOT ..."
root=$(cd "$2" 2>/dev/null && pwd -P) || die "cannot enter $2"
shift 2
cd "$root" || die "cannot enter $root"

if [ "$mode" != one ]; then
	engine_tmp gcc
fi

# a kernel tree at or above ROOT (ktop, rel), else the include directory
find_tree "$root"

jobs=${GATHERLINT_JOBS:-}
[ -n "$jobs" ] || jobs=$(nproc 2>/dev/null || echo 1)

# srcarch ARCH: the arch/ directory of an ARCH value (as kbuild maps it)
srcarch() {
	case $1 in
	x86_64 | i386) echo x86 ;;
	sparc32 | sparc64) echo sparc ;;
	parisc64) echo parisc ;;
	*) echo "$1" ;;
	esac
}

# kbuild_setup: objtree, the .config (cfg), karch, kcross, kcc, the make
# arguments (kargs) and the prefix kbuild gives source paths (srcprefix).
kbuild_setup() {
	objtree=$ktop
	if [ -n "${KBUILD_OUTPUT-}" ]; then
		objtree=$(cd "$ktop" && cd "$KBUILD_OUTPUT" 2>/dev/null && pwd -P) ||
			die "O=$KBUILD_OUTPUT: no such directory"
	fi
	cfg=$objtree/.config
	if [ ! -f "$cfg" ]; then
		if [ "$objtree" = "$ktop" ]; then
			die "the GCC engine needs a configured kernel tree ($ktop has no" \
				".config): make [ARCH=...] allmodconfig, or use --engine=cocci"
		fi
		die "the GCC engine needs a configured kernel tree ($objtree has no" \
			".config): make O=$objtree [ARCH=...] allmodconfig, or use --engine=cocci"
	fi
	grep -q '^CONFIG_CC_IS_GCC=y' "$cfg" ||
		die "$cfg is not configured for gcc (CONFIG_CC_IS_GCC): the GCC engine" \
			"needs a gcc-built tree, or use --engine=cocci"
	_carch=$(sed -n '1,8s|^# Linux/\([^ ]*\) .*Kernel Configuration$|\1|p' "$cfg")
	karch=${ARCH:-$_carch}
	if [ -n "${ARCH-}" ] && [ -n "$_carch" ] &&
		[ "$(srcarch "$ARCH")" != "$(srcarch "$_carch")" ]; then
		die "$cfg is configured for $_carch, not ARCH=$ARCH (kbuild would" \
			"reconfigure the tree): give ARCH=$_carch"
	fi
	_ccv=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"$/\1/p' "$cfg")
	kccarg=
	if [ -n "${CROSS_COMPILE+set}" ]; then
		kcross=$CROSS_COMPILE
		kcc=${kcross}gcc
	else
		_w=${_ccv%% *}
		case $_w in
		*gcc) kcross=${_w%gcc}; kcc=$_w ;;
		?*) kcross=; kcc=$_w; kccarg=$_w ;;	# make CC=gcc-13
		*) kcross=; kcc=gcc ;;
		esac
	fi
	command -v "$kcc" >/dev/null 2>&1 ||
		die "$kcc (the compiler of $cfg) is missing: apt-get install $(cc_package "$kcc")"
	kargs=
	[ -z "$karch" ] || kargs="ARCH=$karch"
	[ -z "$kcross" ] || kargs="$kargs CROSS_COMPILE=$kcross"
	[ -z "$kccarg" ] || kargs="$kargs CC=$kccarg"
	srcprefix=
	if [ "$objtree" != "$ktop" ]; then
		kargs="$kargs O=$objtree"
		if [ "$(dirname "$objtree")" = "$ktop" ]; then
			srcprefix=../
		else
			srcprefix=$ktop/
		fi
	fi
}

if [ -n "$ktop" ] && [ "$mode" != one ]; then
	kbuild_setup
	cc=$kcc
fi
if [ "$mode" = one ]; then
	plugin=$GATHERLINT_PLUGIN
	objtree=${GATHERLINT_OBJTREE:-}
else
	plugin=$(plugin_for "$cc") || exit 2
fi

# kcmd FILE: the compiler command kbuild saved for FILE (relative to
# ktop), without the steps that follow it (objtool), its output
# discarded (-S: the assembler is not run) and its dependency file
# dropped; fails if there is none.
kcmd() {
	c=$objtree/$(dirname "$1")/.$(basename "$1" .c).o.cmd
	[ -f "$c" ] || return 1
	sed -n '1{
		s/^[a-z]*cmd_[^ ]* := //
		s/\$\$/$/g
		s/\\#/#/g
		s/ -Wp,-MMD,[^ ]*//
		s/ *; .*//
		s/ -c -o [^ ]*\.o / -S -o \/dev\/null /
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
		(cd "$objtree" && LC_ALL=C sh -c "$cmd -w '-fplugin=$plugin' \
			'-fplugin-arg-gatherlint_plugin-db=$db'$extra")
		return
	fi
	# shellcheck disable=SC2086
	LC_ALL=C "$cc" -S -o /dev/null -w ${incdir:+-I "$incdir"} \
		${GATHERLINT_CFLAGS:-} \
		-fplugin="$plugin" -fplugin-arg-gatherlint_plugin-db="$db" \
		"$@" "$f"
}

# kobjs DIR: what the configuration builds in DIR (relative to ktop), as
# kbuild reads DIR's Makefile with the .config: "y OBJ", "m OBJ", "sub DIR"
# lines in $tmp/kb/<DIR>, computed once per directory.
kobjs() {
	_k=$tmp/kb/$(printf '%s' "$1" | tr '/' '+')
	if [ ! -f "$_k" ]; then
		mkdir -p "$tmp/kb"
		# shellcheck disable=SC2086
		(cd "$objtree" && LC_ALL=C make -s -f "$here/kbuild-objs.mk" \
			$kargs obj="$1" srctree="$ktop" srcroot="$ktop" objtree=. \
			SRCARCH="$(srcarch "${karch:-$(uname -m)}")" CC="$kcc" \
			KBUILD_BUILTIN=1 KBUILD_MODULES=1 need-builtin=1 need-modorder=1 \
			gatherlint-objs) > "$_k" 2> /dev/null || : > "$_k"
	fi
	cat "$_k"
}

# dir_built DIR: kbuild descends into DIR (relative to ktop) in this
# configuration; a top-level directory is taken as built, an arch/
# directory only for the configured architecture.
dir_built() {
	case $1 in
	*/*) ;;
	*) return 0 ;;
	esac
	_p=$(dirname "$1")
	case $_p in
	arch) [ "$1" = "arch/$(srcarch "${karch:-$(uname -m)}")" ]; return ;;
	esac
	# a parent without a Makefile: kbuild descends from an ancestor
	# ("obj-y += generic_pt/fmt/")
	while [ "$_p" != . ] && [ ! -f "$ktop/$_p/Makefile" ] && [ ! -f "$ktop/$_p/Kbuild" ]; do
		_p=$(dirname "$_p")
	done
	kobjs "$_p" | grep -qxF "sub $1" || return 1
	dir_built "$_p"
}

# kbuilt FILE: the configuration builds FILE's object (FILE relative to ktop)
kbuilt() {
	_o=${1%.c}.o
	kobjs "$(dirname "$1")" | grep -qE "^[ym] $(printf '%s' "$_o" | sed 's/[.[\*^$]/\\&/g')\$" &&
		dir_built "$(dirname "$1")"
}

# why_unbuilt FILE: why the configuration does not build FILE (relative to
# ktop): the first Kconfig symbol that is not set on the way from FILE's
# object to a top-level directory, read from each directory's Makefile.
why_unbuilt() {
	_t=$(basename "${1%.c}.o")
	_d=$(dirname "$1")
	while :; do
		_mk=$ktop/$_d/Kbuild
		[ -f "$_mk" ] || _mk=$ktop/$_d/Makefile
		if [ -f "$_mk" ]; then
			_s=$(awk -v target="$_t" -f "$here/kbuild-why.awk" "$cfg" "$_mk")
			case $_s in
			CONFIG_*) printf '%s is not set (%s); set it or use --engine=cocci\n' \
				"$_s" "${_mk#"$ktop"/}"
			return ;;
			esac
		fi
		case $_d in
		arch/*/*) ;;
		arch/*)
			printf 'it is for another architecture than %s; use --engine=cocci\n' \
				"${karch:-$(uname -m)}"
			return ;;
		*/*) ;;
		*) break ;;
		esac
		_t=$(basename "$_d")/
		_d=$(dirname "$_d")
	done
	printf 'no rule of %s builds it; use --engine=cocci\n' "$(dirname "$1")/Makefile"
}

# incomplete_facts FILES-LIST: an `incomplete` fact, at line 1, for every
# file of the list that was not analysed.
incomplete_facts() {
	while IFS= read -r f; do
		db_name "$f"
		e=$tmp/db/$dbn
		if [ -f "$e.unbuilt" ]; then
			printf 'incomplete\t%s\t1\t-\tnot built in this kernel configuration: %s\n' \
				"$f" "$(cat "$e.unbuilt")"
		elif [ -f "$e.failed" ]; then
			why=$(grep -m1 'error:' "$e.failed" |
				sed 's/^[^:]*:[0-9]*:[0-9]*: error: //' |
				tr '\t' ' ' | cut -c1-160)
			printf 'incomplete\t%s\t1\t-\tgcc cannot compile this file: %s\n' \
				"$f" "${why:-compiler failure}"
		fi
	done < "$1"
}

# includers: the C files that compile a header of $tmp/headers (ROOT
# relative) when no candidate C file does: those under the header's
# directory that include it with quotes, directly or through other headers
# found so; into $tmp/includers.  Such a header is a template (the generic
# page tables: each format's file instantiates its functions under its own
# names); the plugin reads the functions of a header that matter
# (gcc-plugin/unit.c).
includers() {
	: > "$tmp/includers"
	while IFS= read -r h0; do
		printf '%s\n' "$h0" > "$tmp/inc.seen"
		printf '%s\n' "$h0" > "$tmp/inc.todo"
		: > "$tmp/inc.c"
		while [ -s "$tmp/inc.todo" ]; do
			while IFS= read -r h; do
				b=$(basename "$h" | sed 's/[^A-Za-z0-9_-]/[&]/g')
				grep -rlE --include='*.c' --include='*.h' \
					"^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]*/)?$b\"" \
					"$(dirname "$h")" 2>/dev/null
			done < "$tmp/inc.todo" | sed 's|^\./||' | LC_ALL=C sort -u > "$tmp/inc.found"
			grep '\.c$' "$tmp/inc.found" >> "$tmp/inc.c"
			grep '\.h$' "$tmp/inc.found" | LC_ALL=C comm -23 - "$tmp/inc.seen" > "$tmp/inc.todo"
			LC_ALL=C sort -u "$tmp/inc.seen" "$tmp/inc.todo" > "$tmp/inc.new"
			mv "$tmp/inc.new" "$tmp/inc.seen"
		done
		LC_ALL=C sort -u "$tmp/inc.c" > "$tmp/inc.cs"
		[ -n "$(LC_ALL=C comm -12 "$tmp/inc.cs" "$tmp/files.sorted")" ] ||
			cat "$tmp/inc.cs" >> "$tmp/includers"
	done < "$tmp/headers"
	LC_ALL=C sort -u "$tmp/includers" > "$tmp/inc.c"
	mv "$tmp/inc.c" "$tmp/includers"
}

# kbuild_build: the files of $tmp/kbuild (relative to ROOT) built by
# kbuild with the plugin; a file that yields no facts is `failed`.
kbuild_build() {
	[ -s "$tmp/kbuild" ] || return 0
	n=$(wc -l < "$tmp/kbuild")
	printf 'gatherlint: kbuild builds %s object(s) with the plugin (%s)\n' \
		"$n" "make${kargs:+ $kargs}" >&2
	# shellcheck disable=SC2046,SC2086
	(cd "$ktop" && LC_ALL=C make $kargs -k -j"$jobs" \
		KCFLAGS="${KCFLAGS:+$KCFLAGS }-w -fplugin=$plugin -fplugin-arg-gatherlint_plugin-db=$tmp/db" \
		$(sed "s|^|$rel|; s|\\.c\$|.o|" "$tmp/kbuild")) > "$tmp/kbuild.log" 2>&1
	# GATHERLINT_KBUILD_LOG=FILE keeps kbuild's output (the tests read it)
	[ -z "${GATHERLINT_KBUILD_LOG-}" ] ||
		cp "$tmp/kbuild.log" "$GATHERLINT_KBUILD_LOG" ||
		die "cannot write $GATHERLINT_KBUILD_LOG"
	# compiled: kbuild saved the command, with this run's db, for the object
	# (a unit with nothing to say writes no facts)
	while IFS= read -r f; do
		grep -qF -- "-fplugin-arg-gatherlint_plugin-db=$tmp/db" \
			"$objtree/$(dirname "$rel$f")/.$(basename "$f" .c).o.cmd" 2>/dev/null &&
			continue
		e=$tmp/db/$(printf '%s' "$f" | tr '/' '+')
		grep -F "$srcprefix$rel$f:" "$tmp/kbuild.log" | grep 'error:' > "$e.failed"
		if [ ! -s "$e.failed" ]; then
			grep -E ': error: |\*\*\* ' "$tmp/kbuild.log" | head -1 |
				sed 's/^/kbuild: error: /' > "$e.failed"
		fi
	done < "$tmp/kbuild"
}

case $mode in
facts)
	[ $# -gt 0 ] || exit 0
	c_files "$@" || :	# (no C file: the includers of the headers may be)
	for f; do
		case $f in /*) ;; *.h) printf '%s\n' "$f" ;; esac
	done | LC_ALL=C sort -u > "$tmp/headers"
	LC_ALL=C sort -u "$tmp/files" > "$tmp/files.sorted"
	includers
	[ -s "$tmp/files" ] || [ -s "$tmp/includers" ] || exit 0
	# In a kernel tree: the files with a saved kbuild command are
	# recompiled with it, the others the configuration builds are built
	# by kbuild, the rest are unbuilt.
	: > "$tmp/kbuild"
	cat "$tmp/files" "$tmp/includers" > "$tmp/replay"
	if [ -n "$ktop" ]; then
		: > "$tmp/replay"
		# an includer the configuration does not build is left out: its
		# header is no candidate file of the engine's own
		{ sed 's/^/c /' "$tmp/files"; sed 's/^/i /' "$tmp/includers"; } |
		while read -r k f; do
			case $f in
			/*) echo "$f" >> "$tmp/replay"; continue ;;
			esac
			if [ -f "$objtree/$(dirname "$rel$f")/.$(basename "$f" .c).o.cmd" ]; then
				echo "$f" >> "$tmp/replay"
			elif kbuilt "$rel$f"; then
				echo "$f" >> "$tmp/kbuild"
			elif [ "$k" = c ]; then
				why_unbuilt "$rel$f" > "$tmp/db/$(printf '%s' "$f" | tr '/' '+').unbuilt"
			fi
		done
		kbuild_build
	fi
	tr '\n' '\0' < "$tmp/replay" |
		GATHERLINT_DB=$tmp/db GATHERLINT_PLUGIN=$plugin \
		GATHERLINT_OBJTREE=${objtree:-} GATHERLINT_CC=$cc \
		xargs -0 -r -P "$jobs" -n "$(batch "$(wc -l < "$tmp/replay")" "$jobs")" \
		"$here/engine-gcc.sh" one "$root"
	incomplete_facts "$tmp/files"
	# an includer read for a header that fails to compile is said too (an
	# includer the configuration does not build has nothing to say)
	incomplete_facts "$tmp/includers"
	for f in "$tmp"/db/*.facts; do
		[ -f "$f" ] || continue
		grep -E '^(fn|ret|ops|bind|fmtinit|fmtid|incomplete|nullcall)	' "$f"
	done | awk -F '\t' -v OFS='\t' -v rel="$rel" -v sp="${srcprefix:-}" '
		# kbuild names files from the tree top (and O= builds from
		# its source prefix): make them ROOT-relative
		sp != "" && index($2, sp) == 1 { $2 = substr($2, length(sp) + 1) }
		rel != "" && index($2, rel) == 1 { $2 = substr($2, length(rel) + 1) }
		# a header compiled by several units: its facts once
		!seen[$0]++'
	exit 0
	;;
one)
	# Some files (run by xargs above), facts into $GATHERLINT_DB.
	for f; do
		db_name "$f"
		base=$GATHERLINT_DB/$dbn
		compile "$f" "$GATHERLINT_DB" 2> "$base.err"
		case $? in
		0) ;;
		3) printf 'no saved kbuild command; build it or use --engine=cocci\n' > "$base.unbuilt"; rm -f "$base.err" ;;
		*) mv "$base.err" "$base.failed" ;;
		esac
	done
	exit 0
	;;
fix)
	[ $# -ge 2 ] || exit 0
	fixlist=$(abs_path "$1") || die "cannot find $1"
	shift
	# The fix list names files from ROOT; kbuild compiles them from the
	# tree top (O= builds: from its source prefix).
	if [ -n "$rel$srcprefix" ]; then
		awk -F '\t' -v OFS='\t' -v p="$srcprefix$rel" '$1 == "X" { $2 = p $2 } { print }' \
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

#!/bin/sh
# engine-cocci.sh - the Coccinelle engine, as the CLI drives it.
#
#   engine-cocci.sh facts ROOT FILE...          facts (docs/design.md 3) on stdout
#   engine-cocci.sh fix ROOT FIXLIST FILE...    a -p1 unified diff on stdout
#
# FILEs are relative to ROOT.  GATHERLINT_JOBS=N runs N spatch processes.
set -u
here=$(cd "$(dirname "$0")" && pwd -P)
home=$(cd "$here/.." && pwd -P)
cocci=$home/cocci/iommu_unmap_gather.cocci
[ -r "$cocci" ] || cocci=$home/share/gatherlint/cocci/iommu_unmap_gather.cocci
# The macro hints (cocci/README.md "Macro hints") sit next to the script.
macros=${cocci%/*}/gatherlint.h
# The isomorphisms (cocci/gatherlint.iso: a few, not the standard hundred).
isos=${cocci%/*}/gatherlint.iso

# shellcheck source=lib/engine-common.sh
. "$here/engine-common.sh"
# shellcheck source=lib/gather-api.sh
. "$here/gather-api.sh"

command -v spatch >/dev/null 2>&1 ||
	die "spatch is missing: apt-get install coccinelle"
[ -r "$cocci" ] || die "cannot find cocci/iommu_unmap_gather.cocci"
[ -r "$macros" ] || die "cannot find cocci/gatherlint.h"
[ -r "$isos" ] || die "cannot find cocci/gatherlint.iso"
[ -r "$here/slice.awk" ] || die "cannot find lib/slice.awk"
[ -x "$here/ocamlopt-cache.sh" ] || die "cannot find lib/ocamlopt-cache.sh"

mode=${1-}
# version: the tool, as the self-check names it
if [ "$mode" = version ]; then
	spatch --version 2>/dev/null | sed -n 's/^spatch version \([^ ]*\) compiled with OCaml version \([^ ]*\).*/spatch \1 (OCaml \2)/p'
	exit 0
fi
[ $# -ge 2 ] || die "usage: engine-cocci.sh facts|fix ROOT ..."
root=$2
shift 2
cd "$root" || die "cannot enter $root"

if [ "$mode" != chunk ]; then
	engine_tmp cocci
fi

jobs=${GATHERLINT_JOBS:-}
[ -n "$jobs" ] || jobs=$(nproc 2>/dev/null || echo 1)

# --quiet --verbose-parsing: the facts run itself prints, on stderr, each
# file it handles and the regions it could not parse, which
# lib/parse-check.awk turns into `incomplete` facts (never silent).  One
# parse per file: a separate `spatch --parse-c` pass cost a quarter of the
# CPU, and without --no-includes it also parsed the local headers a file
# includes and blamed their regions on the file.
spatch_opts="--quiet --verbose-parsing --no-includes --include-headers --no-show-diff"
# the fix runs' (with -D patch -D fixlist=FILE: a diff per file on stdout)
fix_opts="--very-quiet --no-includes --include-headers"

# The facts cache (GATHERLINT_CACHE=DIR; docs/design.md "Facts cache").
# With --no-includes a file's facts depend only on its path, its bytes and
# the tools (spatch, its options, the script, the isomorphisms, the macro
# hints, the parse check), so they are kept per file under a directory
# named by a hash of the tools: a file seen before with the same bytes at
# the same path is not given to spatch again.  Nothing is kept unless the
# run succeeded.

# tools_key MODE: a hash of the tools, for MODE (facts or fix)
tools_key() {
	_sp=$(command -v spatch)
	{
		printf '%s\n' "$1"
		spatch --version 2>&1
		ls -lL "$_sp"
		printf '%s\n' "$_sp" "$spatch_opts" "$fix_opts" "$gatherlint_regionwords"
		cat "$cocci" "$isos" "$macros" "$here/parse-check.awk" "$here/engine-cocci.sh" \
			"$here/slice.awk" "$here/gather-api.sh" "$here/ocamlopt-cache.sh"
	} | sha256sum | cut -c1-32
}

# The slices (lib/slice.awk, docs/design.md "Slices"): spatch reads each
# file with the functions that cannot give a fact blanked.  GATHERLINT_SLICE=0
# turns them off.

# slice_prepare: $tmp/gnames, the gather functions of all the files audited
# (lib/slice.awk's names mode: what a nullcall or call: fact can name), and
# $tmp/gment, "PATH<TAB>NAMES" the ones each file mentions (sorted, comma-
# separated): with its bytes, all that a file's slice depends on
slice_prepare() {
	# (awk's own status: a list short of a name would blank its callers)
	tr '\n' '\0' < "$tmp/files" | xargs -0 awk -v MODE=names -f "$here/slice.awk" \
		> "$tmp/gnames.all" || die "cannot read the gather functions of the files"
	LC_ALL=C sort -u "$tmp/gnames.all" > "$tmp/gnames"
	[ -s "$tmp/gnames" ] || return 0
	tr '\n' '\0' < "$tmp/files" | xargs -0 grep -HowFZ -f "$tmp/gnames" -- 2> /dev/null |
		tr '\0' '\t' | LC_ALL=C sort -u | awk -F '\t' '
		$1 != p { if (p != "") print p "\t" s; p = $1; s = $2; next }
		{ s = s "," $2 }
		END { if (p != "") print p "\t" s }' > "$tmp/gment"
}

# slice_chunk CHUNK DIR: the slices of CHUNK's files (relative to ROOT, the
# current directory) under DIR, at the same paths; false if one cannot be
# made or there is none (spatch then reads the files themselves)
slice_chunk() {
	grep -v '^/' "$1" > "$1.rel" || return 1
	awk -F/ 'NF > 1 { sub(/\/[^\/]*$/, ""); print }' "$1.rel" | LC_ALL=C sort -u |
		tr '\n' '\0' | (mkdir -p "$2" && cd "$2" && xargs -0 -r mkdir -p) || return 1
	tr '\n' '\0' < "$1.rel" | xargs -0 awk -v WORDS="$gatherlint_slicewords" \
		-v FIELDS="$gatherlint_opsfields" -v GFILE="${1%/*}/gnames" -v OUT="$2" \
		-f "$here/slice.awk" || return 1
	# (awk writes nothing for an empty file)
	while IFS= read -r _f; do
		[ -f "$2/$_f" ] || : > "$2/$_f" || return 1
	done < "$1.rel"
}

# ocaml_cache: with GATHERLINT_CACHE, spatch's OCaml compiler goes through
# lib/ocamlopt-cache.sh (first in PATH as ocamlopt.opt and ocamlopt, for the
# names this machine has): the script's module is compiled once per tools
ocaml_cache() {
	[ -n "${GATHERLINT_CACHE-}" ] || return 0
	mkdir -p "$tmp/ocamlbin" || return 0
	for _n in ocamlopt.opt ocamlopt; do
		_r=$(command -v "$_n") || continue
		ln -s "$here/ocamlopt-cache.sh" "$tmp/ocamlbin/$_n" || return 0
		case $_n in
		ocamlopt.opt) GATHERLINT_REAL_OCAMLOPT_OPT=$_r ;;
		*) GATHERLINT_REAL_OCAMLOPT=$_r ;;
		esac
	done
	GATHERLINT_OCAML_CACHE=$GATHERLINT_CACHE/ocaml-$(tools_key ocaml)
	export GATHERLINT_REAL_OCAMLOPT_OPT GATHERLINT_REAL_OCAMLOPT GATHERLINT_OCAML_CACHE
	PATH=$tmp/ocamlbin:$PATH
}

# chunk_cap N SIZES: N, or fewer chunks so that each holds at least 128 KiB
# of the files SIZES lists ("BYTES NAME" lines), and at least one
chunk_cap() {
	awk -v n="$1" '{ s += $1 } END { c = int((s + 131071) / 131072); if (c < 1) c = 1; print (c < n ? c : n) }' "$2"
}

# cache_split: $tmp/files becomes the files not in the cache, $tmp/hits the
# cached facts of the others, $tmp/keys "PATH<TAB>ENTRY<TAB>SLICE" of each
# cacheable file.  SLICE, what the file's slice depends on besides its
# bytes (its mentions of the gather functions, slice_prepare; `off`
# unsliced), is the entry's first line: an entry of another SLICE is a miss.
cache_split() {
	cdir=$GATHERLINT_CACHE/cocci-$(tools_key facts)
	mkdir -p "$cdir" || die "cannot create the facts cache $cdir"
	tr '\n' '\0' < "$tmp/files" | xargs -0 sha256sum | awk -v d="$cdir" \
		-v gm="$tmp/gment" -v off="$([ -f "$tmp/gnames" ] || echo 1)" '
		FILENAME == gm { m[$1] = $2; next }
		# (sha256sum escapes a name with a backslash or newline: not cached)
		/^\\/ { next }
		{ p = substr($0, 67); k = p; gsub(/\//, "!", k)
		  if (length(k) < 200) print p "\t" d "/" $1 "-" k "\t" (off ? "off" : ((p in m) ? m[p] : "-")) }' \
		"$tmp/gment" - > "$tmp/keys"
	: > "$tmp/hits"
	: > "$tmp/miss"
	while IFS='	' read -r _p _e _m; do
		_s=
		[ ! -f "$_e" ] || read -r _s < "$_e" || :
		if [ "$_s" = "# slice	$_m" ]; then cat "$_e" >> "$tmp/hits"; else printf '%s\n' "$_p" >> "$tmp/miss"; fi
	done < "$tmp/keys"
	# the files that cannot be cached are always run
	cut -f1 "$tmp/keys" | LC_ALL=C sort > "$tmp/cacheable"
	LC_ALL=C sort "$tmp/files" | LC_ALL=C comm -23 - "$tmp/cacheable" >> "$tmp/miss"
	mv "$tmp/miss" "$tmp/files"
}

# cache_store FACTS: keeps the facts of each file run (an empty entry for a
# file without facts); nothing if a fact names a file that was not run
cache_store() {
	LC_ALL=C sort -t '	' -k2,2 -s "$1" | awk -F '\t' -v keys="$tmp/keys" \
		-v files="$tmp/files" -v sfx=".tmp.$$" '
		FILENAME == files { run[$0] = 1; next }
		FILENAME == keys { if ($1 in run) { e[$1] = $2; m[$1] = $3 }; next }
		!($2 in run) { bad = 1; exit }
		$2 != last { if (t != "") close(t); t = ""; last = $2
			     if ($2 in e) { t = e[$2] sfx; print "# slice\t" m[$2] > t } }
		t != "" { print > t }
		END { exit bad }' "$tmp/files" "$tmp/keys" - || { rm -f "$cdir"/*.tmp.$$; return 0; }
	while IFS='	' read -r _p _e _m; do
		grep -qxF -- "$_p" "$tmp/files" || continue
		[ -f "$_e.tmp.$$" ] || printf '# slice\t%s\n' "$_m" > "$_e.tmp.$$"
		mv -f "$_e.tmp.$$" "$_e"
	done < "$tmp/keys"
}


# The fix cache (GATHERLINT_CACHE=DIR, as the facts cache): spatch's diff of
# a file depends only on the tools, the file's path and bytes and the
# fixlist's X lines of that file (--no-includes; one file group each).

# fix_cache_split: $tmp/run the files of $tmp/order not in the cache, the
# cached diffs of the others in $tmp/d/RANK, $tmp/fkeys "RANK<TAB>ENTRY"
# of each file to run that can be cached
fix_cache_split() {
	cdir=$GATHERLINT_CACHE/fix-$(tools_key fix)
	mkdir -p "$cdir" "$tmp/x" || die "cannot create the fix cache $cdir"
	# each file's X lines in $tmp/x/RANK (one awk, no process a file)
	awk -F '\t' -v order="$tmp/order" -v x="$tmp/x" '
		FILENAME == order { rank[$0] = NR; n = NR; next }
		$1 == "X" && ($2 in rank) { l[rank[$2]] = l[rank[$2]] $0 "\n" }
		END { for (i = 1; i <= n; i++) { printf "%s", l[i] > (x "/" i); close(x "/" i) } }' \
		"$tmp/order" "$fixlist"
	{
		cat "$tmp/order"
		awk -v x="$tmp/x" '{ print x "/" NR }' "$tmp/order"
	} | tr '\n' '\0' | xargs -0 sha256sum | awk -v n="$(wc -l < "$tmp/order")" -v d="$cdir" '
		/^\\/ { bad[NR] = 1 }
		NR <= n { s[NR] = $1; p[NR] = substr($0, 67); next }
		{ i = NR - n; m = p[i]; gsub(/\//, "!", m)
		  if (bad[i] || bad[NR] || length(m) >= 200) print i "\t-\t" p[i]
		  else print i "\t" d "/" s[i] "-" substr($1, 1, 16) "-" m "\t" p[i] }' > "$tmp/fall"
	: > "$tmp/run"
	: > "$tmp/fkeys"
	while IFS='	' read -r _i _e _p; do
		if [ "$_e" != - ] && [ -f "$_e" ]; then
			cp "$_e" "$tmp/d/$_i"
		else
			printf '%s\n' "$_p" >> "$tmp/run"
			[ "$_e" = - ] || printf '%s\t%s\n' "$_i" "$_e" >> "$tmp/fkeys"
		fi
	done < "$tmp/fall"
}

# fix_cache_store: keeps the diff of each file run (an empty entry for a
# file spatch left as it is)
fix_cache_store() {
	while IFS='	' read -r _i _e; do
		if [ -f "$tmp/d/$_i" ]; then cp "$tmp/d/$_i" "$_e.tmp.$$"; else : > "$_e.tmp.$$"; fi
		mv -f "$_e.tmp.$$" "$_e"
	done < "$tmp/fkeys"
}

case $mode in
facts)
	[ $# -gt 0 ] || exit 0
	printf '%s\n' "$@" > "$tmp/files"
	: > "$tmp/gment"
	[ "${GATHERLINT_SLICE-1}" = 0 ] || slice_prepare
	if [ -n "${GATHERLINT_CACHE-}" ]; then
		cache_split
		[ -s "$tmp/files" ] || { grep -v '^#' "$tmp/hits"; exit 0; }
	fi
	ocaml_cache

	# Chunks are counted on the audited files: the self-check's canary (an
	# absolute path, see bin/gatherlint) rides in the lightest chunk, in the
	# same spatch process as the files.
	nr=$(grep -vc '^/' "$tmp/files")
	[ "$nr" -gt 0 ] || nr=1
	# One chunk per job (each spatch process compiles the script once),
	# balanced by size: largest files first, each to the chunk with the
	# least bytes so far (plus a fixed cost per file).  On a
	# terminal, chunks of about 8 files so that progress moves.
	# A small input runs in one process: a second one costs its start-up
	# (about 0.7 s of CPU) for less matching than that (chunk_cap).
	per=$(( (nr + jobs - 1) / jobs ))
	if [ -t 2 ] && [ "$per" -gt 8 ]; then per=8; fi
	nc=$(( (nr + per - 1) / per ))
	tr '\n' '\0' < "$tmp/files" | xargs -0 stat -c '%s %n' | sort -rn > "$tmp/sizes"
	nc=$(chunk_cap "$nc" "$tmp/sizes")
	awk -v nc="$nc" -v t="$tmp" '{
			size = $1 + 8192
			sub(/^[0-9]+ /, "")
			best = 0
			for (i = 1; i < nc; i++)
				if (load[i] < load[best])
					best = i
			load[best] += size
			print > sprintf("%s/chunk.%04d", t, best)
		}' "$tmp/sizes"
	: > "$tmp/done"
	printf '%s\n' "$tmp"/chunk.???? | GATHERLINT_TOTAL=$nr \
		xargs -P "$jobs" -n 1 "$here/engine-cocci.sh" chunk "$root"
	for c in "$tmp"/chunk.????; do
		[ -f "$c.rc" ] || { echo 1 > "$c.rc"; echo "spatch did not run" > "$c.err"; }
	done
	if [ -t 2 ]; then printf '\r\033[K' >&2; fi
	for c in "$tmp"/chunk.*.rc; do
		if [ "$(cat "$c")" -ne 0 ]; then
			die "spatch failed: $(grep -vE '^($|HANDLING: |bad: |BAD:!!!!! |badcount: )' "${c%.rc}.err" | tail -1)"
		fi
	done
	cat "$tmp"/chunk.*.out | grep -E '^(fn|ret|ops|bind|fmtinit|fmtid|incomplete|nullcall)	' > "$tmp/facts"
	if [ -n "${GATHERLINT_CACHE-}" ]; then
		cache_store "$tmp/facts"
		grep -v '^#' "$tmp/hits"
	fi
	cat "$tmp/facts"
	exit 0
	;;
chunk)
	# One chunk (run by xargs above): FILE lists paths relative to ROOT.
	c=$1
	# One group per file: spatch treats the files of one group as a
	# unit (every binding tried on every file); separate groups share
	# one process and one compiled script.
	awk 'NR > 1 { print "" } { print }' "$c" > "$c.groups"
	# spatch reads the slices (of the same names, in their own tree), or the
	# files themselves if they cannot be made
	sdir=.
	if [ -f "${c%/*}/gnames" ] && slice_chunk "$c" "${c%/*}/slice"; then
		sdir=${c%/*}/slice
	fi
	# shellcheck disable=SC2086
	(cd "$sdir" && exec spatch $spatch_opts --iso-file "$isos" --macro-file "$macros" \
		-D facts --sp-file "$cocci" --file-groups "$c.groups") > "$c.out" 2> "$c.err"
	echo $? > "$c.rc"
	awk -v KEYS="$gatherlint_regionwords" -f "$here/parse-check.awk" "$c.err" >> "$c.out"
	# Progress while stderr is a terminal: files done of total.
	grep -v "^/" "$c" >> "${c%/*}/done"
	if [ -t 2 ]; then
		printf '\rgatherlint: %s/%s files' "$(wc -l < "${c%/*}/done")" \
			"${GATHERLINT_TOTAL:-?}" >&2
	fi
	exit 0
	;;
fix)
	[ $# -ge 2 ] || exit 0
	fixlist=$(abs_path "$1") || die "cannot find $1"
	shift
	# The files in groups of one (the fix tables are keyed by file), in
	# one spatch process per job, so the script is compiled once per
	# process (one process for less than 128 KiB).  spatch prints a diff
	# per file; its headers become a/ and b/ for patch -p1, each file's
	# into $tmp/d/RANK, and the diffs are printed in the order given.
	printf '%s\n' "$@" > "$tmp/order"
	mkdir "$tmp/d"
	if [ -n "${GATHERLINT_CACHE-}" ]; then
		fix_cache_split
	else
		cp "$tmp/order" "$tmp/run"
	fi
	if [ -s "$tmp/run" ]; then
		ocaml_cache
		tr '\n' '\0' < "$tmp/run" | xargs -0 stat -c '%s %n' > "$tmp/sizes"
		nc=$(chunk_cap "$jobs" "$tmp/sizes")
		awk -v nc="$nc" -v t="$tmp" '{
			f = sprintf("%s/fix.%04d", t, (NR - 1) % nc)
			if (f in seen) print "" > f
			seen[f] = 1
			print > f
		}' "$tmp/run"
		# shellcheck disable=SC2016,SC2086
		printf '%s\n' "$tmp"/fix.???? | xargs -P "$jobs" -I{} sh -c '
			spatch $6 --iso-file "$5" \
				--macro-file "$1" -D patch -D fixlist="$2" --sp-file "$3" \
				--file-groups "$4" > "$4.diff" 2> "$4.err"
			echo $? > "$4.rc"' sh "$macros" "$fixlist" "$cocci" {} "$isos" "$fix_opts"
		for c in "$tmp"/fix.????; do
			if [ "$(cat "$c.rc" 2>/dev/null || echo 1)" -ne 0 ]; then
				head -5 "$c.err" >&2
				die "spatch failed on $(grep -v '^$' "$c" | tr '\n' ' ')"
			fi
		done
		cat "$tmp"/fix.????.diff | awk -v order="$tmp/order" -v d="$tmp/d" '
			FILENAME == order { rank[$0] = NR; next }
			/^--- / { f = substr($0, 5); sub(/[ \t].*/, "", f); n = rank[f]
				  if (!n) { print "gatherlint: spatch printed a diff of unknown file " f > "/dev/stderr"; bad = 1; exit }
				  if (out != "") close(out)
				  out = d "/" n
				  print "--- a/" f > out; next }
			/^\+\+\+ / { print "+++ b/" f > out; next }
			out != "" { print > out }
			END { exit bad }' \
			"$tmp/order" - || die "cannot read spatch's diffs"
		[ -z "${GATHERLINT_CACHE-}" ] || fix_cache_store
	fi
	i=0
	while [ "$i" -lt $# ]; do
		i=$((i + 1))
		[ ! -f "$tmp/d/$i" ] || cat "$tmp/d/$i"
	done
	exit 0
	;;
*)
	die "usage: engine-cocci.sh facts|fix ROOT ..."
	;;
esac

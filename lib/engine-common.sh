# engine-common.sh - sourced by the engine drivers (engine-cocci.sh,
# engine-gcc.sh, engine-sparse.sh): their error exit, their temporary
# directory and where the audited root sits (find_tree).
# shellcheck shell=sh

# die MSG...: one line on stderr, exit 2 (a tool or usage error)
die() { printf 'gatherlint: %s\n' "$*" >&2; exit 2; }

# engine_tmp NAME: sets $tmp to a fresh directory that is removed when the
# script exits, also on error or interrupt
engine_tmp() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/gatherlint-$1.XXXXXX") ||
		die "cannot create a temporary directory"
	trap 'rm -rf "$tmp"' EXIT
	trap 'rm -rf "$tmp"; exit 130' INT
	trap 'rm -rf "$tmp"; exit 143' TERM HUP
}

# abs_path FILE: FILE as an absolute path (its directory must exist)
abs_path() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(cd "$(dirname "$1")" && pwd -P)" "$(basename "$1")" ;;
	esac
}

# find_tree ROOT: a kernel tree at or above ROOT (sets ktop), ROOT's path
# inside it (rel, empty or ending in /); else, for plain files, the
# include directory (incdir): the nearest include/ at or above ROOT
# shellcheck disable=SC2034 # (ktop, rel and incdir are for the caller)
find_tree() {
	ktop=
	rel=
	incdir=
	_d=$1
	while :; do
		if [ -z "$incdir" ] && [ -d "$_d/include" ]; then incdir=$_d/include; fi
		if [ -f "$_d/Kbuild" ] && [ -f "$_d/Kconfig" ] && [ -f "$_d/Makefile" ] &&
			[ -d "$_d/include/linux" ]; then
			ktop=$_d
			break
		fi
		[ "$_d" = / ] && break
		case $_d in */*) _d=${_d%/*} ;; *) break ;; esac
		[ -n "$_d" ] || _d=/
	done
	if [ -n "$ktop" ]; then
		case $1 in "$ktop") rel= ;; *) rel=${1#"$ktop"/}/ ;; esac
	fi
}

# c_files FILE...: the .c files among FILEs into $tmp/files, and a fresh
# $tmp/db for the units' facts; false when there is none (a compiler
# engine reads only C units: the headers' code comes in through them)
c_files() {
	mkdir "$tmp/db" || die "cannot create $tmp/db"
	for _f; do
		case $_f in *.c) printf '%s\n' "$_f" ;; esac
	done > "$tmp/files"
	[ -s "$tmp/files" ]
}

# db_name FILE: sets $dbn to FILE's name in a db directory, its slashes
# turned into '+' (without a process: it runs once per unit)
db_name() {
	_r=$1
	dbn=
	while :; do
		case $_r in
		*/*) dbn=$dbn${_r%%/*}+; _r=${_r#*/} ;;
		*) break ;;
		esac
	done
	dbn=$dbn$_r
}

# batch N JOBS: how many of N units one worker process takes, so that JOBS
# workers get about four batches each (a process per unit costs more than
# a small unit's compile)
batch() {
	echo $(( ($1 + $2 * 4 - 1) / ($2 * 4) ))
}

# engine-common.sh - sourced by the engine drivers (engine-cocci.sh,
# engine-gcc.sh): their error exit and their temporary directory.
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

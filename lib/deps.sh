#!/bin/sh
# deps.sh - the dependency step of both quick-start commands.
#
#   deps.sh audit   what `make audit` needs
#   deps.sh check   what `make check` needs (adds the real-kernel tests)
#
# As root, installs what is missing with apt-get (the system's own apt
# configuration); otherwise prints the exact apt-get command and exits 2.
set -u

what=${1:-check}
missing=

need() {	# need PACKAGE TEST...
	pkg=$1
	shift
	if ! "$@" >/dev/null 2>&1; then
		case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg" ;; esac
	fi
}

have() { command -v "$1"; }

gcc_plugin_pkg() {
	v=$(gcc -dumpversion 2>/dev/null | cut -d. -f1)
	printf 'gcc-%s-plugin-dev' "${v:-12}"
}

plugin_headers() {
	d=$(gcc -print-file-name=plugin 2>/dev/null) &&
		[ -f "$d/include/plugin-version.h" ]
}

need make have make
need gcc have gcc
need g++ have g++
need coccinelle have spatch
need shellcheck have shellcheck
need git have git
need patch have patch
if have gcc >/dev/null 2>&1; then
	need "$(gcc_plugin_pkg)" plugin_headers
fi
if [ "$what" = check ]; then
	need jq have jq
	need xz-utils have xz
	need flex have flex
	need bison have bison
	need bc have bc
	need libelf-dev test -f /usr/include/libelf.h
	need libssl-dev test -f /usr/include/openssl/ssl.h
	need linux-source-6.1 sh -c 'ls /usr/src/linux-source-6.1.tar.* >/dev/null 2>&1'
	need nodejs have node
	need npm have npm
fi

[ -n "$missing" ] || exit 0

# shellcheck disable=SC2086
set -- $missing
if [ "$(id -u)" -ne 0 ]; then
	printf 'gatherlint: missing dependencies; run as root:\n' >&2
	printf '  apt-get update && apt-get install -y %s\n' "$*" >&2
	exit 2
fi
printf 'gatherlint: installing %s\n' "$*" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends "$@" >&2; then
	apt-get update >&2 || true
	if ! apt-get install -y --no-install-recommends "$@" >&2; then
		printf 'gatherlint: apt-get install %s failed\n' "$*" >&2
		exit 2
	fi
fi

#!/bin/sh
# deps.sh - the dependency step of both quick-start commands.
#
#   deps.sh audit   what `make audit` needs
#   deps.sh check   what `make check` needs (adds the real-kernel tests)
#
# Every dependency is checked by using it, not by finding its name on
# $PATH: spatch runs a semantic patch with an @script:ocaml@ rule (Debian's
# coccinelle does not pull in the OCaml compiler those rules need), the
# plugin headers build and load a trivial GCC plugin, and so on.
#
# As root, installs what is missing with apt-get (the system's own apt
# configuration) and checks again; otherwise prints the exact apt-get
# command and exits 2.
set -u

what=${1:-check}
case $what in audit|check) ;; *)
	printf 'gatherlint: usage: deps.sh audit|check\n' >&2; exit 2 ;;
esac
missing=
t=$(mktemp -d "${TMPDIR:-/tmp}/gatherlint-deps.XXXXXX") || exit 2
trap 'rm -rf "$t"' EXIT


want() {	# want PACKAGE: PACKAGE is to be installed
	case " $missing " in *" $1 "*) ;; *) missing="$missing $1" ;; esac
}

have() { command -v "$1"; }

# The package that provides a usable OCaml compiler: ocaml-nox on Debian
# 12 and 13, ocaml on sid (where ocaml-nox is gone).
ocaml_pkg() {
	if apt-cache policy ocaml-nox 2>/dev/null | grep -q 'Candidate: [0-9]'; then
		echo ocaml-nox
	else
		echo ocaml
	fi
}

# spatch that can run the engine's @script:ocaml@ rules
spatch_works() {
	printf '@r@\nidentifier x;\n@@\nint x;\n\n@script:ocaml@\nx << r.x;\n@@\nprint_endline ("gatherlint-" ^ x)\n' \
		> "$t/probe.cocci"
	printf 'int ok;\n' > "$t/probe.c"
	[ "$(spatch --very-quiet --sp-file "$t/probe.cocci" "$t/probe.c" 2>&1)" = gatherlint-ok ]
}

gcc_plugin_pkg() {
	v=$(gcc -dumpversion 2>/dev/null | cut -d. -f1)
	printf 'gcc-%s-plugin-dev' "${v:-12}"
}

# plugin_works [CC CXX]: the plugin headers of CC (default gcc) build, with
# CXX, a plugin that CC then loads
plugin_works() {
	pcc=${1:-gcc}
	d=$("$pcc" -print-file-name=plugin) && [ -d "$d/include" ] || return 1
	cxx=${2-}
	if [ -z "$cxx" ]; then
		cxx=$(printf '%s' "${CC:-gcc}" | sed 's/gcc/g++/')
		command -v "$cxx" >/dev/null 2>&1 || cxx=g++
	fi
	cat > "$t/p.c" <<'EOC'
#include "gcc-plugin.h"
#include "plugin-version.h"
int plugin_is_GPL_compatible;
int plugin_init(struct plugin_name_args *a, struct plugin_gcc_version *v)
{
	(void)a;
	return plugin_default_version_check(v, &gcc_version) ? 0 : 1;
}
EOC
	"$cxx" -fPIC -shared -fno-rtti -I"$d/include" -x c++ -o "$t/p.so" "$t/p.c" &&
		printf 'int x;\n' > "$t/u.c" &&
		"$pcc" -fplugin="$t/p.so" -c -o "$t/u.o" "$t/u.c"
}

# The cross compilers the kernel tests build ARM trees with (most IOMMU
# drivers are ARM drivers).  A cross compiler's plugin is built by the
# host's g++ of the cross gcc's major version against the cross plugin
# headers, gcc-N-plugin-dev-TRIPLET, where N follows the cross gcc (12 on
# Debian 12, 14 on 13, ...): named once gcc-TRIPLET is installed, in the
# second round.
cross_triplets="aarch64-linux-gnu arm-linux-gnueabihf"
cross_scan() {	# cross_scan TRIPLET
	if ! have "$1-gcc"; then
		want "gcc-$1"
		return
	fi
	v=$("$1-gcc" -dumpversion 2>/dev/null | cut -d. -f1)
	if [ -z "$v" ]; then
		want "gcc-$1"
	elif ! have "g++-$v"; then
		want "g++-$v"
	elif ! plugin_works "$1-gcc" "g++-$v"; then
		want "gcc-$v-plugin-dev-$1"
	fi
}

shellcheck_works() { printf "#!/bin/sh\necho ok\n" | shellcheck -; }
jq_works() { [ "$(echo "{\"a\":1}" | jq .a)" = 1 ]; }
xz_works() { [ "$(echo x | xz | xz -d)" = x ]; }
bc_works() { [ "$(echo 1+1 | bc)" = 2 ]; }
# jansson builds, links and runs (the core writes JSON and SARIF with it)
jansson_works() {
	printf '#include <jansson.h>\n#include <stdio.h>\nint main(void)\n{\n\tchar *s = json_dumps(json_pack("[s]", "ok"), 0);\n\n\treturn !(s && puts(s) >= 0);\n}\n' > "$t/j.c" &&
		gcc -o "$t/j" "$t/j.c" -ljansson && [ "$("$t/j")" = '["ok"]' ]
}

# a C compiler that builds and links against a library
links() {	# links HEADER LIB
	printf '#include <%s>\nint main(void) { return 0; }\n' "$1" > "$t/l.c"
	gcc -o "$t/l" "$t/l.c" "$2"
}

# clang and the LLVM tools a LLVM=1 kernel build uses work
llvm_works() {
	printf 'int main(void) { return 0; }\n' > "$t/c.c" &&
		clang -fuse-ld=lld -o "$t/c" "$t/c.c" && "$t/c" &&
		llvm-ar --version && llvm-nm --version && llvm-objcopy --version
}

# --- libsparse -------------------------------------------------------------
# Debian ships sparse without its library: libsparse.a is built under
# build/libsparse/src from the distribution's own source package, fetched
# with `apt-get source` through a private apt state (build/libsparse/apt: a
# deb-src line for the mirror and suite this system's sparse comes from, as
# `apt-cache policy sparse` names them; the system's apt state is only
# read), and checked by building and running a trivial checker on it.
top=$(cd "$(dirname "$0")/.." && pwd -P)
sdir=$top/build/libsparse

libsparse_works() {
	[ -f "$sdir/src/libsparse.a" ] || return 1
	cat > "$t/s.c" <<'EOC'
#include <stdio.h>
#include "lib.h"
#include "symbol.h"
#include "expression.h"
#include "linearize.h"

int main(int argc, char **argv)
{
	struct string_list *files = NULL;
	struct symbol *sym;
	char *file;
	int n = 0;

	sparse_initialize(argc, argv, &files);
	FOR_EACH_PTR(files, file) {
		FOR_EACH_PTR(sparse(file), sym) {
			expand_symbol(sym);
			if (linearize_symbol(sym))
				n++;
		} END_FOR_EACH_PTR(sym);
	} END_FOR_EACH_PTR(file);
	printf("%d\n", n);
	return 0;
}
EOC
	printf 'int a;\nint f(int x) { return x ? a : 0; }\n' > "$t/s1.c"
	gcc -I"$sdir/src" -o "$t/s" "$t/s.c" "$sdir/src/libsparse.a" &&
		[ "$("$t/s" "$t/s1.c")" = 1 ]
}

# libsparse_build: fetch the source package and build the library; one
# line on stderr and a non-zero status when it cannot be done
libsparse_build() {
	line=$(apt-cache policy sparse 2>/dev/null | awk '
		/Candidate:/ { cand = $2 }
		{ v = ($1 == "***") ? $2 : $1 }
		cand != "" && v == cand { want = 1; next }
		want && $2 ~ /^[a-z]+:\/\// { print cand, $2, $3; exit }')
	# shellcheck disable=SC2086
	set -- $line
	if [ $# -lt 3 ]; then
		printf 'gatherlint: libsparse: apt knows no sparse package to take the source of (apt-cache policy sparse)\n' >&2
		return 1
	fi
	ver=$1 mirror=$2 suite=${3%%/*}
	apt=$sdir/apt
	rm -rf "$apt" "$sdir/src.tmp"
	mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$sdir/src.tmp"
	keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	if [ -r "$keyring" ]; then
		printf 'deb-src [signed-by=%s] %s %s main\n' "$keyring" "$mirror" "$suite"
	else
		printf 'deb-src %s %s main\n' "$mirror" "$suite"
	fi > "$apt/sources.list"
	aptq() {
		"$@" -o Dir::Etc::sourcelist="$apt/sources.list" \
			-o Dir::Etc::sourceparts=- -o Dir::State::Lists="$apt/lists" \
			-o Dir::Cache="$apt/cache" -o Acquire::Check-Valid-Until=false \
			-o APT::Sandbox::User="$(id -un)"
	}
	printf 'gatherlint: fetching the source of sparse %s (%s %s) for libsparse\n' \
		"$ver" "$mirror" "$suite" >&2
	if ! aptq apt-get -q update >&2; then
		printf 'gatherlint: libsparse: apt-get update of %s %s (deb-src) failed\n' "$mirror" "$suite" >&2
		return 1
	fi
	if ! (cd "$sdir/src.tmp" && aptq apt-get -q source "sparse=$ver") >&2; then
		# a mirror that serves the upstream tarball but not the Debian
		# packaging (.dsc, .debian.tar): the library is upstream's code
		orig=$(find "$sdir/src.tmp" -maxdepth 1 -name 'sparse_*.orig.tar.*' | head -1)
		if [ -z "$orig" ] || ! tar -C "$sdir/src.tmp" -xf "$orig"; then
			printf 'gatherlint: libsparse: apt-get source sparse=%s failed\n' "$ver" >&2
			return 1
		fi
		printf 'gatherlint: libsparse: %s has no Debian packaging of sparse %s; building from its upstream tarball %s\n' \
			"$mirror" "$ver" "${orig##*/}" >&2
	fi
	d=$(find "$sdir/src.tmp" -mindepth 1 -maxdepth 1 -type d -name 'sparse-*' | head -1)
	if [ -z "$d" ] || ! make -C "$d" -j"$(nproc 2>/dev/null || echo 1)" libsparse.a >&2; then
		printf 'gatherlint: libsparse: building libsparse.a from the sparse source failed\n' >&2
		return 1
	fi
	printf '%s\n' "$ver" > "$d/.gatherlint-version"
	rm -rf "$sdir/src" && mv "$d" "$sdir/src" && rm -rf "$sdir/src.tmp" "$apt"
}

scan() {
	missing=
	have make || want make
	have gcc || want gcc
	have g++ || want g++
	have git || want git
	# perl: the tree's scripts/get_maintainer.pl (fix --series --cc) and
	# checkpatch.pl (the tests); Term::ANSIColor is in perl, not perl-base
	perl -MTerm::ANSIColor -e 1 || want perl
	have patch || want patch
	if have spatch; then
		spatch_works || want "$(ocaml_pkg)"
	else
		want coccinelle
		want "$(ocaml_pkg)"
	fi
	if have gcc; then
		plugin_works || want "$(gcc_plugin_pkg)"
	fi
	shellcheck_works || want shellcheck
	jansson_works || want libjansson-dev
	if [ "$what" = check ]; then
		jq_works || want jq
		xz_works || want xz-utils
		have flex || want flex
		have bison || want bison
		bc_works || want bc
		links libelf.h -lelf || want libelf-dev
		links openssl/ssl.h -lssl || want libssl-dev
		ls /usr/src/linux-source-6.1.tar.xz || want linux-source-6.1
		node -e 'process.exit(0)' || want nodejs
		npm --version || want npm
		llvm_works || { want clang; want lld; want llvm; }
		# apt-get source unpacks with dpkg-source
		dpkg-source --version || want dpkg-dev
		for tr in $cross_triplets; do cross_scan "$tr"; done
	fi
}

# libsparse (make check): built once, then only checked
sparse_step() {
	[ "$what" = check ] || return 0
	libsparse_works >/dev/null 2>&1 && return 0
	libsparse_build || exit 2
	if ! libsparse_works >/dev/null 2>&1; then
		printf 'gatherlint: libsparse was built but a checker linked with it does not work (%s)\n' "$sdir/src" >&2
		exit 2
	fi
}

scan >/dev/null 2>&1
[ -n "$missing" ] || { sparse_step; exit 0; }

# shellcheck disable=SC2086
set -- $missing
if [ "$(id -u)" -ne 0 ]; then
	printf 'gatherlint: missing dependencies; run as root:\n' >&2
	printf '  apt-get update && apt-get install -y %s\n' "$*" >&2
	exit 2
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet.
if ! ls /var/lib/apt/lists/*Packages* >/dev/null 2>&1; then
	apt-get update >&2 || true
	scan >/dev/null 2>&1
fi

# exact PACKAGE: this system's apt sources have PACKAGE under that exact
# name (apt-get would read a name with a dot as a pattern and install
# another package: linux-source-6.1 would become linux-source-6.12)
exact() {
	apt-cache policy "$1" 2>/dev/null | grep -q "^$1:\$" &&
		apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'
}

# Two rounds: what is installed first can name more (gcc brings the
# version of its gcc-N-plugin-dev); then what still fails is an error.
round=0
while [ -n "$missing" ] && [ "$round" -lt 2 ]; do
	round=$((round + 1))
	# shellcheck disable=SC2086
	set -- $missing
	for p; do
		exact "$p" && continue
		apt-get update >&2 || true
		exact "$p" ||
			{ printf 'gatherlint: %s is not available from this system'"'"'s apt sources\n' "$p" >&2; exit 2; }
	done
	printf 'gatherlint: installing %s\n' "$*" >&2
	if ! apt-get install -y --no-install-recommends "$@" >&2; then
		apt-get update >&2 || true
		if ! apt-get install -y --no-install-recommends "$@" >&2; then
			printf 'gatherlint: apt-get install %s failed\n' "$*" >&2
			exit 2
		fi
	fi
	# Installed is not working: check again, by use.
	scan >/dev/null 2>&1
done
if [ -n "$missing" ]; then
	printf 'gatherlint: installed but still not working:%s (try them by hand)\n' "$missing" >&2
	exit 2
fi
sparse_step
exit 0

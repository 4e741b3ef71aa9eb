#!/bin/sh
# tests/kernel/gcc-build.sh - the GCC engine in a real kernel build.
#
#   tests/kernel/gcc-build.sh [--arch x86_64|arm64|arm] [--time N]
#
# x86_64 (default): builds drivers/iommu/ of Debian's linux-source-6.1
# (allmodconfig) with KCFLAGS="-fplugin=gcc-plugin/gatherlint_plugin.so
# -fplugin-arg-gatherlint_plugin-db=DIR", on a copy of the tree
# (build/linux-gcc-6.1: the pristine tree is never written), configured
# and prepared once and reused by later runs.  Then resolves the facts the
# build wrote, compares the findings with the cocci engine's on the same
# files, and checks that the CLI's GCC engine (the saved kbuild commands
# replayed) agrees with the build's facts.
#
# arm64, arm: a cross build (aarch64-linux-gnu-, arm-linux-gnueabihf-) of
# the same pristine tree with O=build/linux-gcc-6.1-ARCH, only configured
# (make O=... ARCH=... allmodconfig, once): `gatherlint audit --engine=gcc
# O=... drivers/iommu` itself builds the candidate objects of drivers/iommu
# through kbuild (preparing the output tree the first time) with the
# plugin built for the cross compiler; the objects are deleted first, so
# every run builds them.  arm64 names ARCH= and CROSS_COMPILE=, arm lets
# the engine read them from the .config.  The findings on the files built
# are compared with the cocci engine's.
#
# --time N (x86_64): also builds drivers/iommu/ N times with and N times
# without the plugin, alternating, and prints the median wall times.
# Results go to $GATHERLINT_TEST_OUT (default tests/out): kernel-gcc*.facts,
# kernel-gcc*.tsv, kernel-cocci*.tsv, kernel-gcc*.cmp, kernel-gcc*.build.log
# (the suffix -ARCH for the cross builds; kernel-gcc-ARCH.files the C
# files analysed).  Exit status: 0 the build succeeded (no ICE, no error)
# and, x86_64, the CLI's GCC engine agrees with the build's facts; 1
# otherwise.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd -P)
out=${GATHERLINT_TEST_OUT:-$top/tests/out}
dst=$top/build/linux-gcc-6.1
plugin=$top/gcc-plugin/gatherlint_plugin.so
gl=$top/bin/gatherlint
jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}
times=0
arch=x86_64
status=0

die() { printf 'gcc-build: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
	case $1 in
	--time) times=${2:-5}; shift 2 ;;
	--arch) arch=${2-}; shift 2 ;;
	*) die "usage: tests/kernel/gcc-build.sh [--arch x86_64|arm64|arm] [--time N]" ;;
	esac
done
case $arch in
x86_64) cross= ;;
arm64) cross=aarch64-linux-gnu- ;;
arm) cross=arm-linux-gnueabihf- ;;
*) die "unknown --arch '$arch' (x86_64, arm64 or arm)" ;;
esac

mkdir -p "$out"
db=$(mktemp -d "${TMPDIR:-/tmp}/gatherlint-kdb.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$db" "$db.with" "$db.without"' EXIT
trap 'rm -rf "$db" "$db.with" "$db.without"; exit 130' INT
trap 'rm -rf "$db" "$db.with" "$db.without"; exit 143' TERM HUP

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
key() { awk -F '\t' -v OFS='\t' 'NR > 1 && $1 != "analysis-incomplete" { print $2, $3, $1, $4, $5 }' "$1" | LC_ALL=C sort; }

# compare SUFFIX: gcc against cocci findings ($out/kernel-gcc$1.key,
# kernel-cocci$1.key), the differences in $out/kernel-gcc$1.cmp; prints
# one line of counts
compare() {
	{
		echo "# both engines"
		LC_ALL=C comm -12 "$out/kernel-cocci$1.key" "$out/kernel-gcc$1.key"
		echo "# cocci only"
		LC_ALL=C comm -23 "$out/kernel-cocci$1.key" "$out/kernel-gcc$1.key"
		echo "# gcc only"
		LC_ALL=C comm -13 "$out/kernel-cocci$1.key" "$out/kernel-gcc$1.key"
	} > "$out/kernel-gcc$1.cmp"
	printf 'findings on the %s built files: cocci %s, gcc %s, both %s, cocci only %s, gcc only %s (%s)\n' \
		"$(wc -l < "$out/kernel-gcc$1.files")" \
		"$(wc -l < "$out/kernel-cocci$1.key")" "$(wc -l < "$out/kernel-gcc$1.key")" \
		"$(LC_ALL=C comm -12 "$out/kernel-cocci$1.key" "$out/kernel-gcc$1.key" | wc -l)" \
		"$(LC_ALL=C comm -23 "$out/kernel-cocci$1.key" "$out/kernel-gcc$1.key" | wc -l)" \
		"$(LC_ALL=C comm -13 "$out/kernel-cocci$1.key" "$out/kernel-gcc$1.key" | wc -l)" \
		"$out/kernel-gcc$1.cmp"
}

# --- the plugin and the tree --------------------------------------------
make -s -C "$top" plugin || die "the plugin does not build"
[ -f "$plugin" ] || die "no $plugin"
src=$("$top/tests/kernel/tree.sh") || die "linux-source-6.1 is not available"

# --- a cross build: configured only, the engine builds -------------------
if [ -n "$cross" ]; then
	o=$top/build/linux-gcc-6.1-$arch
	s=-$arch
	command -v "${cross}gcc" > /dev/null 2>&1 ||
		die "${cross}gcc is missing (lib/deps.sh check installs it)"
	if [ ! -f "$o/.gatherlint-configured" ]; then
		rm -rf "$o"
		mkdir -p "$o" || die "cannot create $o"
		t0=$(now)
		make -s -C "$src" O="$o" ARCH="$arch" CROSS_COMPILE="$cross" allmodconfig \
			> "$out/kernel-gcc$s.config.log" 2>&1 ||
			die "make ARCH=$arch allmodconfig failed (see $out/kernel-gcc$s.config.log)"
		touch "$o/.gatherlint-configured"
		printf 'gcc-build: %s allmodconfig in %ss\n' "$arch" "$(elapsed "$t0" "$(now)")" >&2
	fi
	# every run builds the objects (the engine's kbuild step)
	find "$o/drivers/iommu" \( -name '*.o' -o -name '.*.o.cmd' \) -type f -delete 2>/dev/null
	if [ "$arch" = arm64 ]; then
		set -- ARCH="$arch" CROSS_COMPILE="$cross"
	else
		set --	# read from the .config
	fi
	t0=$(now)
	(cd "$src" && KDIR=$src GATHERLINT_KBUILD_LOG=$out/kernel-gcc$s.build.log \
		"$gl" audit --engine=gcc --format=tsv --fail-on=never \
		--facts-out="$out/kernel-gcc$s.facts" O="$o" "$@" drivers/iommu) \
		> "$out/kernel-gcc$s.tsv" 2> "$out/kernel-gcc$s.err"
	rc=$?
	secs=$(elapsed "$t0" "$(now)")
	[ "$rc" -eq 0 ] || { cat "$out/kernel-gcc$s.err" >&2; die "gatherlint audit --engine=gcc failed"; }
	if grep -q 'internal compiler error' "$out/kernel-gcc$s.build.log"; then
		die "ICE (see $out/kernel-gcc$s.build.log)"
	fi
	if grep -q 'gcc cannot compile' "$out/kernel-gcc$s.tsv"; then
		grep 'gcc cannot compile' "$out/kernel-gcc$s.tsv" | head -3 >&2
		die "files did not build (see $out/kernel-gcc$s.build.log)"
	fi
	# the candidate files analysed: those the engine did not call incomplete
	# shellcheck source=lib/gather-api.sh
	. "$top/lib/gather-api.sh"
	awk -F '\t' '$1 == "analysis-incomplete" { print $2 }' "$out/kernel-gcc$s.tsv" |
		LC_ALL=C sort -u > "$out/kernel-gcc$s.unbuilt"
	(cd "$src" && grep -rlE "$gatherlint_keywords" drivers/iommu --include='*.c') |
		LC_ALL=C sort | LC_ALL=C comm -23 - "$out/kernel-gcc$s.unbuilt" \
		> "$out/kernel-gcc$s.files"
	nobj=$(find "$o/drivers/iommu" -name '*.o' ! -name '*.mod.o' ! -name 'built-in*' | wc -l)
	printf 'gatherlint audit --engine=gcc O=%s (%s%s): ok, %ss, built %s objects, analysed %s files, %s unbuilt\n' \
		"${o#"$top"/}" "$arch" "${1:+, $*}" "$secs" "$nobj" \
		"$(wc -l < "$out/kernel-gcc$s.files")" "$(wc -l < "$out/kernel-gcc$s.unbuilt")"
	# shellcheck disable=SC2046
	(cd "$src" && KDIR=$src "$gl" audit --engine=cocci --format=tsv --fail-on=never \
		$(cat "$out/kernel-gcc$s.files")) \
		> "$out/kernel-cocci$s.tsv" || die "gatherlint audit with the cocci engine failed"
	key "$out/kernel-gcc$s.tsv" > "$out/kernel-gcc$s.key"
	key "$out/kernel-cocci$s.tsv" > "$out/kernel-cocci$s.key"
	compare "$s"
	exit 0
fi

if [ ! -f "$dst/.gatherlint-prepared" ]; then
	if [ ! -d "$dst" ]; then
		printf 'gcc-build: copying %s to %s\n' "$src" "$dst" >&2
		if ! cp -a "$src" "$dst.tmp" || ! mv "$dst.tmp" "$dst"; then
			die "cannot copy the tree"
		fi
	fi
	printf 'gcc-build: allmodconfig + prepare in %s\n' "$dst" >&2
	t0=$(now)
	if ! make -s -C "$dst" allmodconfig > "$out/kernel-gcc.prepare.log" 2>&1 ||
	   ! make -s -C "$dst" -j"$jobs" prepare >> "$out/kernel-gcc.prepare.log" 2>&1; then
		die "make allmodconfig/prepare failed (see $out/kernel-gcc.prepare.log)"
	fi
	touch "$dst/.gatherlint-prepared"
	printf 'gcc-build: prepared in %ss\n' "$(elapsed "$t0" "$(now)")" >&2
fi

clean_iommu() {
	find "$dst/drivers/iommu" \( -name '*.o' -o -name '*.a' -o -name '*.mod' \
		-o -name 'modules.order' \) -type f -delete
}

# build [KCFLAGS]: a from-scratch build of drivers/iommu/; prints seconds
build() {
	clean_iommu
	t0=$(now)
	if [ $# -gt 0 ]; then
		make -C "$dst" -j"$jobs" KCFLAGS="$1" drivers/iommu/ \
			>> "$out/kernel-gcc.build.log" 2>&1 || return 1
	else
		make -C "$dst" -j"$jobs" drivers/iommu/ \
			>> "$out/kernel-gcc.build.log" 2>&1 || return 1
	fi
	elapsed "$t0" "$(now)"
}

kcflags="-fplugin=$plugin -fplugin-arg-gatherlint_plugin-db=$db"

# --- the build with the plugin ------------------------------------------
: > "$out/kernel-gcc.build.log"
if ! secs=$(build "$kcflags"); then
	grep -E 'internal compiler error|error:' "$out/kernel-gcc.build.log" | head -5 >&2
	die "drivers/iommu/ does not build with the plugin (see $out/kernel-gcc.build.log)"
fi
if grep -q 'internal compiler error' "$out/kernel-gcc.build.log"; then
	die "ICE (see $out/kernel-gcc.build.log)"
fi
nobj=$(find "$dst/drivers/iommu" -name '*.o' ! -name '*.mod.o' | wc -l)
cat "$db"/*.facts > "$out/kernel-gcc.facts" 2>/dev/null
printf 'build of drivers/iommu/ with the plugin: ok, %ss, %s objects, %s facts files\n' \
	"$secs" "$nobj" "$(find "$db" -name '*.facts' | wc -l)"

# --- findings: gcc (the build's facts) vs cocci, on the built files -------
# The C files that were compiled (one .o per .c under drivers/iommu).
(cd "$dst" && find drivers/iommu -name '*.o' ! -name '*.mod.o' ! -name 'built-in*' |
	sed 's/\.o$/.c/' | while read -r f; do [ -f "$f" ] && echo "$f"; done) |
	LC_ALL=C sort > "$out/kernel-gcc.files"
# shellcheck disable=SC2046
(cd "$dst" && KDIR=$dst "$gl" audit --format=tsv --fail-on=never \
	--facts-in="$out/kernel-gcc.facts" $(cat "$out/kernel-gcc.files")) \
	> "$out/kernel-gcc.tsv" || die "gatherlint audit of the gcc facts failed"
# shellcheck disable=SC2046
(cd "$src" && KDIR=$src "$gl" audit --engine=cocci --format=tsv --fail-on=never \
	$(cat "$out/kernel-gcc.files")) \
	> "$out/kernel-cocci.tsv" || die "gatherlint audit with the cocci engine failed"
key "$out/kernel-gcc.tsv" > "$out/kernel-gcc.key"
key "$out/kernel-cocci.tsv" > "$out/kernel-cocci.key"
compare ""

# The same files through the CLI's GCC engine (kbuild's saved command
# lines replayed with the plugin): the same findings as the build's facts.
# shellcheck disable=SC2046
(cd "$dst" && KDIR=$dst "$gl" audit --engine=gcc --format=tsv --fail-on=never \
	$(cat "$out/kernel-gcc.files")) \
	> "$out/kernel-gcc-engine.tsv" || die "gatherlint audit --engine=gcc failed"
key "$out/kernel-gcc-engine.tsv" > "$out/kernel-gcc-engine.key"
if cmp -s "$out/kernel-gcc.key" "$out/kernel-gcc-engine.key"; then
	echo "gatherlint audit --engine=gcc on the built tree: the same findings"
else
	echo "gatherlint audit --engine=gcc on the built tree: different findings:"
	diff "$out/kernel-gcc.key" "$out/kernel-gcc-engine.key"
	status=1
fi

# --- overhead: alternating builds, medians -------------------------------
if [ "$times" -gt 0 ]; then
	: > "$db.with"
	: > "$db.without"
	i=0
	while [ "$i" -lt "$times" ]; do
		s=$(build) || die "drivers/iommu/ does not build without the plugin"
		echo "$s" >> "$db.without"
		rm -f "$db"/*.facts
		s=$(build "$kcflags") || die "drivers/iommu/ does not build with the plugin"
		echo "$s" >> "$db.with"
		i=$((i + 1))
	done
	w=$(median < "$db.with")
	wo=$(median < "$db.without")
	printf 'drivers/iommu/ from scratch, -j%s, median of %s: without the plugin %ss, with %ss (%s%%); runs without: %s; with: %s\n' \
		"$jobs" "$times" "$wo" "$w" \
		"$(awk -v a="$w" -v b="$wo" 'BEGIN { printf "%+.1f", (a - b) * 100 / b }')" \
		"$(tr '\n' ' ' < "$db.without")" "$(tr '\n' ' ' < "$db.with")"
	rm -f "$db.with" "$db.without"
fi
exit "$status"

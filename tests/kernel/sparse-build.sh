#!/bin/sh
# tests/kernel/sparse-build.sh - the sparse engine in a real kernel build.
#
# `make C=2 CHECK="sparse/gatherlint-sparse -fgatherlint-db=DIR"
# drivers/iommu/` on a copy of Debian's linux-source-6.1 configured with
# `make allmodconfig` (x86_64), built with gcc or, with --llvm, with Debian's
# clang (`make LLVM=1 allmodconfig`: a kernel no GCC plugin can check).  The
# copies (build/linux-sparse-6.1, build/linux-sparse-llvm-6.1) are configured
# and prepared once and kept: later runs only re-run the checker (C=2 checks
# every source, also when its object is up to date).  Then the facts the
# checker wrote are resolved and the findings compared with the cocci
# engine's on the same files (the files this configuration builds).
#
#   tests/kernel/sparse-build.sh [--llvm] [--time]
#
# --time: also prints the wall time of `make C=2` over drivers/iommu/ with
# gatherlint-sparse and with Debian's stock sparse, objects up to date (so
# that only the checker runs), one run each (bench/sparse-overhead).
# Results go to $GATHERLINT_TEST_OUT (default tests/out): kernel-sparse[-llvm].*
# Exit status: 0 the build succeeded, no checker crashed and the findings
# equal the cocci engine's; 1 otherwise.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd -P)
out=${GATHERLINT_TEST_OUT:-$top/tests/out}
checker=$top/sparse/gatherlint-sparse
gl=$top/bin/gatherlint
jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}
llvm=
name=sparse
timeit=0

die() { printf 'sparse-build: %s\n' "$*" >&2; exit 1; }

for a; do
	case $a in
	--llvm) llvm=1; name=sparse-llvm ;;
	--time) timeit=1 ;;
	*) die "usage: tests/kernel/sparse-build.sh [--llvm] [--time]" ;;
	esac
done
dst=$top/build/linux-$name-6.1
pfx=$out/kernel-$name

mkdir -p "$out"
db=$(mktemp -d "${TMPDIR:-/tmp}/gatherlint-sdb.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$db"' EXIT
trap 'rm -rf "$db"; exit 130' INT
trap 'rm -rf "$db"; exit 143' TERM HUP

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

make -s -C "$top" sparse || die "gatherlint-sparse does not build (run lib/deps.sh check)"
src=$("$top/tests/kernel/tree.sh") || die "linux-source-6.1 is not available"

# kmake ARGS...: make in the tree, with LLVM=1 for the clang build
kmake() {
	if [ -n "$llvm" ]; then make -C "$dst" LLVM=1 "$@"; else make -C "$dst" "$@"; fi
}

if [ ! -f "$dst/.gatherlint-prepared" ]; then
	if [ ! -d "$dst" ]; then
		printf 'sparse-build: copying %s to %s\n' "$src" "$dst" >&2
		if ! cp -a "$src" "$dst.tmp" || ! mv "$dst.tmp" "$dst"; then
			die "cannot copy the tree"
		fi
	fi
	printf 'sparse-build: allmodconfig + prepare in %s%s\n' "$dst" "${llvm:+ (LLVM=1)}" >&2
	t0=$(now)
	if ! kmake -s allmodconfig > "$pfx.prepare.log" 2>&1 ||
	   ! kmake -s -j"$jobs" prepare >> "$pfx.prepare.log" 2>&1; then
		die "make allmodconfig/prepare failed (see $pfx.prepare.log)"
	fi
	touch "$dst/.gatherlint-prepared"
	printf 'sparse-build: prepared in %ss\n' "$(elapsed "$t0" "$(now)")" >&2
fi

# --- the build with the checker --------------------------------------------
t0=$(now)
if ! kmake -j"$jobs" C=2 CHECK="$checker -fgatherlint-db=$db" drivers/iommu/ \
	> "$pfx.build.log" 2>&1; then
	grep -E 'error|Segmentation' "$pfx.build.log" | head -5 >&2
	die "make C=2 drivers/iommu/ failed (see $pfx.build.log)"
fi
secs=$(elapsed "$t0" "$(now)")
if grep -qE 'Segmentation fault|core dumped|gatherlint-sparse: ' "$pfx.build.log"; then
	die "the checker failed (see $pfx.build.log)"
fi
cat "$db"/*.facts > "$pfx.facts" 2>/dev/null
(cd "$dst" && find drivers/iommu -name '*.o' ! -name '*.mod.o' ! -name 'built-in*' |
	sed 's/\.o$/.c/' | while read -r f; do [ -f "$f" ] && echo "$f"; done) |
	LC_ALL=C sort > "$pfx.files"
nchk=$(grep -c '^  CHECK ' "$pfx.build.log")
printf 'make C=2 drivers/iommu/ with gatherlint-sparse%s: ok, %ss, %s sources checked, %s facts files, %s built C files\n' \
	"${llvm:+ (LLVM=1, $(clang --version | head -1))}" "$secs" "$nchk" \
	"$(find "$db" -name '*.facts' | wc -l)" "$(wc -l < "$pfx.files")"

# --- findings: sparse (the build's facts) vs cocci, on the built files ------
# shellcheck disable=SC2046
(cd "$dst" && KDIR=$dst "$gl" audit --format=tsv --fail-on=never \
	--facts-in="$pfx.facts" $(cat "$pfx.files")) > "$pfx.tsv" ||
	die "gatherlint audit of the sparse facts failed"
# shellcheck disable=SC2046
(cd "$src" && KDIR=$src "$gl" audit --engine=cocci --format=tsv --fail-on=never \
	$(cat "$pfx.files")) > "$pfx.cocci.tsv" ||
	die "gatherlint audit with the cocci engine failed"
key() { awk -F '\t' -v OFS='\t' 'NR > 1 { print $2, $3, $1, $4, $5 }' "$1" | LC_ALL=C sort; }
key "$pfx.tsv" > "$pfx.key"
key "$pfx.cocci.tsv" > "$pfx.cocci.key"
printf 'findings on the %s built files: cocci %s, sparse %s, cocci only %s, sparse only %s\n' \
	"$(wc -l < "$pfx.files")" "$(wc -l < "$pfx.cocci.key")" "$(wc -l < "$pfx.key")" \
	"$(LC_ALL=C comm -23 "$pfx.cocci.key" "$pfx.key" | wc -l)" \
	"$(LC_ALL=C comm -13 "$pfx.cocci.key" "$pfx.key" | wc -l)"
status=0
if ! cmp -s "$pfx.cocci.key" "$pfx.key"; then
	diff "$pfx.cocci.key" "$pfx.key" | sed 's/^/  /'
	status=1
fi

# --- cost: C=2 with gatherlint-sparse vs stock sparse, objects up to date ----
if [ "$timeit" = 1 ]; then
	command -v sparse >/dev/null || die "stock sparse is missing: apt-get install sparse"
	t0=$(now)
	kmake -j"$jobs" C=2 CHECK="$checker -fgatherlint-db=$db" drivers/iommu/ > /dev/null 2>&1
	tg=$(elapsed "$t0" "$(now)")
	t0=$(now)
	kmake -j"$jobs" C=2 CHECK=sparse drivers/iommu/ > /dev/null 2>&1
	ts=$(elapsed "$t0" "$(now)")
	printf 'make C=2 drivers/iommu/%s, -j%s, objects up to date: gatherlint-sparse %ss, stock sparse %s %ss (%sx)\n' \
		"${llvm:+ LLVM=1}" "$jobs" "$tg" "$(sparse --version 2>/dev/null)" "$ts" \
		"$(awk -v a="$tg" -v b="$ts" 'BEGIN { printf "%.2f", a / b }')"
fi
exit "$status"

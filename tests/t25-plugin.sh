#!/bin/sh
# The GCC plugin on its own, as a kernel build loads it (no db=, no CLI):
# per-unit diagnostics at the offending return with the rule name, the
# corpus expectations of every theme that needs no other unit, warnings
# that stay warnings under -Werror unless the plugin's werror argument is
# given, core=STATE, and a note where a unit had to trust another one.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

if ! have_engine gcc; then
	not_ok "plugin: gatherlint_plugin.so is not built"
	exit 0
fi
P=$top/gcc-plugin/gatherlint_plugin.so
cd "$CORPUS" || exit 1

# plug FILE [ARGS...]: compile with the plugin; diagnostics in $OUT/plug.err
plug() {
	_f=$1
	shift
	gcc -c -o /dev/null -Wall -I include -fplugin="$P" "$@" "$_f" 2> "$OUT/plug.err"
}

# --- the corpus themes a unit decides alone ---------------------------------
# Each file's diagnostics with a rule name ("LINE RULE KIND") against its
# expectations at the default core (engine=cocci ones excluded).
for f in $(find fills misses clean ops paths lone -name '*.c' | LC_ALL=C sort); do
	t_file() {
		plug "$f"
		grep -E "^$f:[0-9]+:[0-9]+: (warning|note|error): .*\[(unmap-gather-unfilled|unmap-returns-errno)\]$" "$OUT/plug.err" |
			sed -E 's/^[^:]+:([0-9]+):[0-9]+: ([a-z]+): .*\[([a-z-]+)\]$/\1 \3 \2/' |
			LC_ALL=C sort > "$OUT/plug.got"
		grep -n 'expect: \(unmap-gather-unfilled\|unmap-returns-errno\) ' "$f" | grep -v 'engine=cocci' |
			sed -E 's/^([0-9]+):.*expect: ([a-z-]+) ([a-z]+).*/\1 \2 \3/' |
			LC_ALL=C sort > "$OUT/plug.want"
		diff "$OUT/plug.want" "$OUT/plug.got"
	}
	check "plugin alone: $f diagnostics equal its expectations" t_file
done

lone=$(find lone -name '*.c' | head -1)
line=$(grep -n 'expect: unmap-gather-unfilled' "$lone" | head -1 | cut -d: -f1)
t_loc() {
	plug "$lone" && grep -qE "^$lone:$line:[0-9]+: warning: .* \[unmap-gather-unfilled\]$" "$OUT/plug.err"
}
check "plugin alone: the warning is at the return ($lone:$line), the build succeeds" t_loc

# --- -Werror, werror, core= -------------------------------------------------
t_werror() {
	plug "$lone" -Werror && grep -q ": warning: .*\[unmap-gather-unfilled\]" "$OUT/plug.err"
}
check "plugin alone: -Werror leaves the finding a warning (CONFIG_WERROR builds go on)" t_werror
t_werror_other() {
	{ cat "$lone"; printf 'int gl_other(void);\nint gl_other(void)\n{\n\tint unused;\n\n\treturn 0;\n}\n'; } > "$OUT/plug-other.c"
	! gcc -c -o /dev/null -Wall -Werror -I include -fplugin="$P" "$OUT/plug-other.c" 2> "$OUT/plug.err" &&
		grep -q "error: unused variable" "$OUT/plug.err" &&
		grep -q ": warning: .*\[unmap-gather-unfilled\]" "$OUT/plug.err"
}
check "plugin alone: -Werror still applies to the compiler's own warnings" t_werror_other
t_arg_werror() {
	! plug "$lone" -fplugin-arg-gatherlint_plugin-werror &&
		grep -q ": error: .*\[unmap-gather-unfilled\]" "$OUT/plug.err"
}
check "plugin alone: -fplugin-arg-gatherlint_plugin-werror makes it an error" t_arg_werror
t_exposed() {
	plug "$lone" -fplugin-arg-gatherlint_plugin-core=exposed &&
		grep -q ": warning: .*this core skips .iotlb_sync.*\[unmap-gather-unfilled\]" "$OUT/plug.err"
}
check "plugin alone: core=exposed says the flush is lost, still a warning" t_exposed
t_protected() {
	plug "$lone" -fplugin-arg-gatherlint_plugin-core=protected &&
		grep -q ": note: .*back-fills.*\[unmap-gather-unfilled\]" "$OUT/plug.err" &&
		! grep -q ": warning: " "$OUT/plug.err"
}
check "plugin alone: core=protected makes it a note" t_protected
t_badarg() {
	! plug "$lone" -fplugin-arg-gatherlint_plugin-core=sideways &&
		grep -q "gatherlint" "$OUT/plug.err"
}
check "plugin alone: a bad core= value is an error" t_badarg

# --- what a unit cannot decide alone ------------------------------------------
t_trust() {
	f=xfile/ion-iommu.c
	plug "$f" && grep -qE "^$f:[0-9]+:[0-9]+: note: .* is taken to fill the iotlb gather through .*defined in another unit" "$OUT/plug.err" &&
		! grep -q ': warning: ' "$OUT/plug.err"
}
check "plugin alone: a helper of another unit is trusted and the note says so" t_trust
t_trust_fmt() {
	f=clean/umbra-smmu3.c
	plug "$f" && grep -qE "^$f:[0-9]+:[0-9]+: note: .* through its io-pgtable format, whose unmap is in another unit" "$OUT/plug.err"
}
check "plugin alone: a format of another unit is trusted and the note says so" t_trust_fmt
t_fmt() {
	f=formats/fmt-lpae.c
	plug "$f" && grep -qE "^$f:[0-9]+:[0-9]+: note: format unmap .* \[pgtable-gather-unfilled\]$" "$OUT/plug.err"
}
check "plugin alone: a format unmap that never fills gets a pgtable-gather-unfilled note" t_fmt

t_header() {
	f=ops/mulberry-pt.c
	h=ops/mulberry-pt.h
	plug "$f" -fplugin-arg-gatherlint_plugin-debug &&
		grep -qE "^fn	$h	[0-9]+	mulberry_unmap_range	size	iotlb_gather	" "$OUT/plug.err" &&
		grep -qE "^ret	$h	[0-9]+	[0-9]+	mulberry_unmap_range	nonzero	call:mulberry_flush_pending	" "$OUT/plug.err" &&
		grep -qE "^ops	$h	[0-9]+	mulberry_ops	pt_iommu_ops	unmap_range	mulberry_unmap_range$" "$OUT/plug.err" &&
		! grep -q ': warning: ' "$OUT/plug.err"
}
check "plugin alone: an entry point defined in a header (a template) is read there, its name expanded" t_header

# --- fix: fix-it hints without the CLI ----------------------------------------
# `fix` alone: -fdiagnostics-generate-patch prints what `gatherlint fix
# --engine=gcc` writes for the same single file (the plugin alone decides
# as the core does; t40 holds the CLI's gcc fix equal to its cocci fix,
# normalised),
# on every corpus file but those whose findings differ by engine by design.
t_fix_same() {
	n=0
	# The CLI's fix, as each file alone gets it: the single-unit drivers in
	# one run (they share nothing), the cross-file themes one file at a time.
	alone=
	for f in $(find fills misses clean ops paths lone -name '*.c' | LC_ALL=C sort); do
		grep -q 'expect: [^*]*engine=' "$f" || alone="$alone $f"
	done
	w=$OUT/plugfix-cli
	rm -rf "$w" && mkdir -p "$w" && cp -R include fills misses clean ops paths lone xfile formats "$w/"
	# shellcheck disable=SC2086
	(cd "$w" && "$top/bin/gatherlint" fix --engine=gcc --in-place $alone 2> /dev/null) || return 1
	for f in $(find xfile formats -name '*.c' | LC_ALL=C sort); do
		(cd "$w" && "$top/bin/gatherlint" fix --engine=gcc --in-place "$f" 2> /dev/null) || return 1
	done
	for f in $alone $(find xfile formats -name '*.c' | LC_ALL=C sort); do
		plug "$f" -fplugin-arg-gatherlint_plugin-fix -fdiagnostics-generate-patch -fno-diagnostics-color ||
			{ echo "# gcc failed on $f"; return 1; }
		awk -f "$top/lib/gcc-patch.awk" "$OUT/plug.err" > "$OUT/plug.patch"
		cp "$f" "$OUT/plugfix-gcc.c"
		if [ -s "$OUT/plug.patch" ]; then
			patch -s "$OUT/plugfix-gcc.c" < "$OUT/plug.patch" || return 1
			n=$((n + 1))
		fi
		cmp -s "$OUT/plugfix-gcc.c" "$w/$f" || { echo "# $f differs"; diff "$w/$f" "$OUT/plugfix-gcc.c"; return 1; }
	done
	echo "# $n files fixed"
	[ "$n" -ge 15 ]
}
check "plugin alone with fix: its patch equals gatherlint fix --engine=gcc's on the corpus" t_fix_same
t_fix_compiles() {
	f=paths/umber-iommu.c
	plug "$f" -fplugin-arg-gatherlint_plugin-fix -fdiagnostics-generate-patch -fno-diagnostics-color &&
		awk -f "$top/lib/gcc-patch.awk" "$OUT/plug.err" > "$OUT/plug.patch" && [ -s "$OUT/plug.patch" ] &&
		cp "$f" "$OUT/umber.c" && patch -s "$OUT/umber.c" < "$OUT/plug.patch" &&
		gcc -fsyntax-only -Wall -Werror -I include "$OUT/umber.c" &&
		plug "$OUT/umber.c" && ! grep -q 'unmap-gather-unfilled' "$OUT/plug.err"
}
check "plugin alone with fix: the fixed file compiles and is clean" t_fix_compiles
t_fix_protected() {
	plug "$lone" -fplugin-arg-gatherlint_plugin-fix -fplugin-arg-gatherlint_plugin-core=protected \
		-fdiagnostics-generate-patch -fno-diagnostics-color &&
		! grep -q '^--- ' "$OUT/plug.err"
}
check "plugin alone with fix: no fix for a note (core=protected)" t_fix_protected

#!/bin/sh
# make install PREFIX=...: the CLI, the semantic patches, the plugin (when
# built) and the hooks land under the prefix, and the installed CLI audits
# the corpus from there exactly as the source tree does.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

p=$OUT/prefix
rm -rf "$p"
check "make install PREFIX=$p" make -s -C "$top" install PREFIX="$p"
for f in bin/gatherlint share/gatherlint/lib/gatherlint-core share/gatherlint/lib/core-probe.awk \
	share/gatherlint/lib/gather-api.txt share/gatherlint/lib/engine-cocci.sh \
	share/gatherlint/cocci/iommu_unmap_gather.cocci \
	share/gatherlint/checkpatch-hooks/pre-commit \
	share/gatherlint/checkpatch-hooks/sendemail-validate \
	share/gatherlint/checkpatch-hooks/gatherlint-checkpatch; do
	check "installed: $f" test -s "$p/$f"
done
if [ -f "$top/gcc-plugin/gatherlint_plugin.so" ]; then
	check "installed: the GCC plugin" test -s "$p/share/gatherlint/gcc-plugin/gatherlint_plugin.so"
fi

cd "$CORPUS" || exit 1
# shellcheck disable=SC2086
t_same() {
	"$GL" audit --fail-on=never --format=tsv $THEMES > "$OUT/src.tsv" &&
	(PATH=$p/bin:/usr/bin:/bin; export PATH; cd "$CORPUS" &&
		gatherlint audit --fail-on=never --format=tsv $THEMES) > "$OUT/inst.tsv" &&
	[ "$(wc -l < "$OUT/inst.tsv")" -gt 40 ] && cmp "$OUT/src.tsv" "$OUT/inst.tsv"
}
check "the installed CLI (on PATH) audits the corpus exactly as the source tree" t_same
t_nosrc() {
	# a copy of the installed prefix, away from the source tree: it must
	# not reach back into the checkout
	rm -rf "$OUT/prefix2" && cp -R "$p" "$OUT/prefix2" &&
	"$OUT/prefix2/bin/gatherlint" audit --fail-on=never --format=tsv lone/*.c > "$OUT/inst2.tsv" &&
	grep -q '^unmap-gather-unfilled	' "$OUT/inst2.tsv"
}
check "a copied prefix still finds its own lib/ and cocci/" t_nosrc
t_cp() {
	"$p/share/gatherlint/checkpatch-hooks/gatherlint-checkpatch" lone/*.c > "$OUT/icp.txt"
	[ $? -eq 1 ] && grep -q '^WARNING:IOMMU_GATHER_UNFILLED: ' "$OUT/icp.txt"
}
check "the installed checkpatch wrapper finds the installed CLI" t_cp
t_version() { "$p/bin/gatherlint" --version | grep -qE '^gatherlint [0-9]+\.[0-9]+'; }
check "installed gatherlint --version" t_version

#!/bin/sh
# The C core (lib/gatherlint-core) against the awk resolver and formatter
# it replaced (lib/resolve.awk, lib/format.awk, taken from the commit
# before their deletion when they are gone): on every fact set the suite
# produces (the corpus with each engine, the core mini trees,
# tests/resolver/*.facts), every core state and fix threshold, the records
# are byte-identical, and so are text (with and without the summary),
# tsv, checkpatch and json; sarif is the same JSON value (jansson lays it
# out).  Delete this test when the core's output is changed on purpose.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

core=$top/lib/gatherlint-core
d=$OUT/coretest
rm -rf "$d" && mkdir -p "$d"
ref() {	# ref FILE -> the awk file, from the tree or from git
	if [ -f "$top/lib/$1" ]; then
		cp "$top/lib/$1" "$d/$1"
	elif command -v git >/dev/null && git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
		c=$(git -C "$top" log --diff-filter=D -1 --format=%H -- "lib/$1") &&
			[ -n "$c" ] && git -C "$top" show "$c^:lib/$1" > "$d/$1"
	else
		false
	fi
}
if ! ref resolve.awk || ! ref format.awk; then
	skip "the awk resolver and formatter are not available (no git history)"
	exit 0
fi
[ -x "$core" ] || { not_ok "lib/gatherlint-core is built (make all)"; exit 0; }

probe() {	# probe DIR -> the CLI's core line
	(cd "$1" && awk -v hdr=include/linux/iommu.h -v src=drivers/iommu/iommu.c \
		-f "$top/lib/core-probe.awk" include/linux/iommu.h drivers/iommu/iommu.c)
}

# Fact sets: NAME ROOT FACTS CORELINE
sets=$d/sets
: > "$sets"
cd "$CORPUS" || exit 1
for engine in cocci gcc; do
	have_engine "$engine" || continue
	# shellcheck disable=SC2086
	"$GL" audit --engine="$engine" --fail-on=never --format=tsv \
		--facts-out="$d/corpus.$engine.facts" $THEMES > /dev/null 2>&1
	printf 'core\tUNKNOWN\t-\t0\tthe core files are not in the audited scope\n' \
		> "$d/corpus.$engine.core"
	# shellcheck disable=SC2086
	"$GL" fix --engine="$engine" --fail-on=note $THEMES > "$d/corpus.$engine.fixes" 2>/dev/null
	printf 'corpus.%s\t%s\n' "$engine" "$CORPUS" >> "$sets"
	# a sub-scope graded by an EXPOSED core outside it: no core finding
	cp "$d/corpus.$engine.facts" "$d/kdir.$engine.facts"
	cp "$d/corpus.$engine.fixes" "$d/kdir.$engine.fixes"
	printf 'core\tEXPOSED\t-\t0\tinclude/linux/iommu.h:9: skips\n' > "$d/kdir.$engine.core"
	printf 'kdir.%s\t%s\n' "$engine" "$CORPUS" >> "$sets"
	for s in latent exposed protected; do
		"$GL" audit --engine="$engine" --fail-on=never --format=tsv \
			--facts-out="$d/core-$s.$engine.facts" "cores/$s" > /dev/null 2>&1
		probe "cores/$s" > "$d/core-$s.$engine.core"
		: > "$d/core-$s.$engine.fixes"
		printf 'core-%s.%s\t%s\n' "$s" "$engine" "$CORPUS/cores/$s" >> "$sets"
	done
done
for f in "$top"/tests/resolver/*.facts; do
	b=$(basename "$f" .facts)
	cp "$f" "$d/resolver-$b.facts"
	: > "$d/resolver-$b.core"
	: > "$d/resolver-$b.fixes"
	printf 'resolver-%s\t%s\n' "$b" "$top/tests/resolver" >> "$sets"
done

while IFS='	' read -r name root; do
	[ -s "$d/$name.facts" ] || { not_ok "$name: facts were written"; continue; }
	corewhere=$(awk -F '\t' '{ print $3 ":" $4 }' "$d/$name.core")
	coremsg=$(awk -F '\t' '{ print $5 }' "$d/$name.core")
	bad=
	n=0
	for state in UNKNOWN LATENT EXPOSED PROTECTED; do
		for fixmin in note warning error never; do
			cat "$d/$name.facts" "$d/$name.core" |
				awk -v core="$state" -v root="$root" -v fixmin="$fixmin" \
				-f "$d/resolve.awk" > "$d/a.rec"
			cat "$d/$name.facts" "$d/$name.core" |
				"$core" resolve --core="$state" --root="$root" \
				--fixmin="$fixmin" |
				# the UNREAD note came after the awk was retired
				grep -v ' is tested in a way gatherlint does not read ' > "$d/c.rec"
			n=$((n + 1))
			cmp -s "$d/a.rec" "$d/c.rec" || {
				bad="$bad records:$state:$fixmin"
				diff "$d/a.rec" "$d/c.rec" | head -5 | sed 's/^/#   /'
			}
		done
		for fmt in text summary tsv checkpatch json sarif; do
			# where the user stands: HERE PREFIX TSVDISP COREFROM COREFROMLINE
			for where in ".||0||" "||../tree/|1|include/linux/iommu.h|12" \
				"misses||1|/abs/kdir/include/linux/iommu.h|7" "formats/deep||0|misses/x.c|3"; do
				IFS='|' read -r here prefix tsvdisp corefrom corefromline <<EOW
$where
EOW
				sum=
				f=$fmt
				[ "$fmt" = summary ] && { sum=1; f=text; }
				awk -F '\t' -v fmt="$f" -v version=0.1.0 -v fixes="$d/$name.fixes" \
					-v here="$here" -v prefix="$prefix" -v tsvdisp="$tsvdisp" -v cwd="/c/w/d" \
					-v corefrom="$corefrom" -v corefromline="$corefromline" \
					-v summary="$sum" -v corewhere="$corewhere" -v coremsg="$coremsg" \
					-v root="$root" -v core="$state" -f "$d/format.awk" \
					"$d/c.rec" > "$d/a.out"
				"$core" format --fmt="$f" --version=0.1.0 --fixes="$d/$name.fixes" \
					--here="$here" --prefix="$prefix" --tsvdisp="$tsvdisp" --cwd=/c/w/d \
					--corefrom="$corefrom" --corefromline="$corefromline" \
					--summary="$sum" --corewhere="$corewhere" --coremsg="$coremsg" \
					--root="$root" --core="$state" < "$d/c.rec" > "$d/c.out"
				if [ "$f" = sarif ]; then
					jq -c . "$d/a.out" > "$d/a.norm" && jq -c . "$d/c.out" > "$d/c.norm" &&
						mv "$d/a.norm" "$d/a.out" && mv "$d/c.norm" "$d/c.out"
				fi
				n=$((n + 1))
				cmp -s "$d/a.out" "$d/c.out" || {
					bad="$bad $fmt:$state:$where"
					diff "$d/a.out" "$d/c.out" | head -5 | sed 's/^/#   /'
				}
			done
		done
	done
	if [ -z "$bad" ]; then
		ok "core = awk on $name ($n comparisons)"
	else
		not_ok "core = awk on $name:$bad"
	fi
done < "$sets"

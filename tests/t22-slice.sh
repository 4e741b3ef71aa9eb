#!/bin/sh
# The cocci engine's slices (lib/slice.awk, docs/design.md "Slices"): which
# functions a slice keeps and blanks, that every line stays where it is,
# and that the corpus audit is the same with and without them.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=lib/gather-api.sh
. "$top/lib/gather-api.sh"

D=$OUT/t22
rm -rf "$D" && mkdir -p "$D/in" "$D/out"
# another unit's gather function (the names mode reads its prototype)
cat > "$D/in/other.h" <<'EOF'
size_t other_unmap_range(struct dev *d, unsigned long iova,
			 struct iommu_iotlb_gather *gather);
struct fake_ops {
	void (*cb)(struct iommu_iotlb_gather *g);
};
EOF
# one function of each kind; "line N" comments name what the test expects
cat > "$D/in/drv.c" <<'EOF'
static int unrelated(int a)
{
	return a * 2;
}

static void helper(int a)
{
	writel(a, base);
}

static size_t drv_unmap(struct dev *d, unsigned long iova, size_t size,
			struct iommu_iotlb_gather *gather)
{
	helper(1);
	return size;
}

static void walk_cb(unsigned long iova, size_t size, void *cookie)
{
	writel(iova, base);
}

static void calls_other(struct dev *d)
{
	other_unmap_range(d, 0, NULL);
}

static void init_stuff(void)
{
	setup(NULL);
}

static const struct iommu_flush_ops drv_flush = {
	.tlb_flush_walk = walk_cb,
};

static int braces(int a)
{
	if (a) {
		return 1;
}

static void (*pick(int a))(int)
{
	return handler;
}

static void walk_all(void *cookie)
{
	writel(0, base);
}

static const struct iommu_flush_ops drv_flush2 = {
	.tlb_flush_all =
		walk_all,
};
EOF
t_names() {
	(cd "$D/in" && awk -v MODE=names -f "$top/lib/slice.awk" other.h drv.c) |
		LC_ALL=C sort > "$D/names" &&
		printf '%s\n' drv_unmap other_unmap_range | cmp - "$D/names"
}
check "slice names: the functions declared or defined with a gather parameter (not a pointer field)" t_names
(cd "$D/in" && awk -v WORDS="$gatherlint_slicewords" -v FIELDS="$gatherlint_opsfields" \
	-v GFILE="$D/names" -v OUT="$D/out" -f "$top/lib/slice.awk" drv.c)
check "slice: the same number of lines" test "$(wc -l < "$D/in/drv.c")" -eq "$(wc -l < "$D/out/drv.c")"
# kept (line): drv_unmap (11: the vocabulary), helper (6: its callee),
# walk_cb (18: named to an ops field), calls_other (23: calls a gather
# function), braces (37: not a balanced definition), pick (45: a name
# not read, of a function that returns a function pointer), walk_all (50:
# named to an ops field on the line after the "=")
for l in 6 8 11 15 18 20 23 25 37 40 43 45 48 50; do
	check "slice: line $l is kept as it is" \
		test "$(sed -n "${l}p" "$D/in/drv.c")" = "$(sed -n "${l}p" "$D/out/drv.c")"
done
# blanked: unrelated (1-4), init_stuff (28-31: NULL to no gather function)
for l in 1 3 4 28 29 31; do
	check "slice: line $l is blanked" test -z "$(sed -n "${l}p" "$D/out/drv.c")"
done
check "slice: the ops object is kept" grep -q '^	.tlb_flush_walk = walk_cb,$' "$D/out/drv.c"

# The corpus with and without slices: the same findings, and the same facts
# but for nullcall facts whose callee is no gather function.
if have_engine cocci; then
	cd "$CORPUS" || exit 1
	# (sliced: from the run's cache, as the other tests; unsliced: spatch,
	# and not kept)
	# shellcheck disable=SC2086
	GATHERLINT_CACHE='' GATHERLINT_SLICE=0 "$GL" audit --fail-on=never --format=tsv \
		--facts-out="$D/facts.0" $THEMES > "$D/tsv.0"
	# shellcheck disable=SC2086
	"$GL" audit --fail-on=never --format=tsv --facts-out="$D/facts.1" $THEMES > "$D/tsv.1"
	check "slice: the corpus audit prints the same with GATHERLINT_SLICE=0" cmp "$D/tsv.0" "$D/tsv.1"
	# shellcheck disable=SC2086,SC2046
	awk -v MODE=names -f "$top/lib/slice.awk" $(find $THEMES -name '*.[ch]') | LC_ALL=C sort > "$D/cnames"
	t_facts() {
		LC_ALL=C sort "$D/facts.0" > "$D/f0" && LC_ALL=C sort "$D/facts.1" > "$D/f1" &&
			LC_ALL=C comm -13 "$D/f0" "$D/f1" | grep -q . && return 1
		LC_ALL=C comm -23 "$D/f0" "$D/f1" | awk -F '\t' -v g="$D/cnames" '
			FILENAME == g { G[$1] = 1; next }
			$1 != "nullcall" || ($5 in G) { print "lost: " $0; bad = 1 }
			END { exit bad }' "$D/cnames" -
	}
	check "slice: the facts lost are nullcalls to no gather function, none gained" t_facts
fi

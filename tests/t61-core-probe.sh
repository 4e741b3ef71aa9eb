#!/bin/sh
# The core probe reads what the core does (SPEC 3): the unmap loop is the
# function reached from iommu_unmap() that calls the domain ops' unmap
# callback, whatever it is called; the core fix goes into that loop.
# Mini cores (renamed, mutated scratch copies), Debian's 6.1 (LATENT),
# Debian sid's 7.2 (PROTECTED) and 7.2 with its back-fill removed
# (EXPOSED, fixed by `gatherlint fix --fix=core`).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

S=$OUT/t61
rm -rf "$S"
mkdir -p "$S"

state_of() { "$GL" core "$1" | awk '{ print $1 }'; }

# scratch NAME CORE: a copy of test-drivers/cores/CORE as $S/NAME
scratch() { rm -rf "${S:?}/$1" && cp -R "$CORPUS/cores/$2" "$S/$1"; }

# --- the moved-loop mini cores ---------------------------------------------------
t_mp() { "$GL" core "$CORPUS/cores/moved-protected" | grep -q '^PROTECTED drivers/iommu/iommu.c:54 .*unmap_by_driver() back-fills an empty gather'; }
check "moved-protected: PROTECTED, the back-fill read in unmap_by_driver() (two calls below iommu_unmap)" t_mp
t_me() { "$GL" core "$CORPUS/cores/moved-exposed" | grep -q '^EXPOSED include/linux/iommu.h:76 .*iommu_unmap -> unmap_checked -> unmap_dispatch -> unmap_walk_driver.*does not back-fill'; }
check "moved-exposed: EXPOSED at the early return, the loop found three calls down" t_me

# Names carry no meaning: rename every function of the loop's chain.
scratch renamed moved-protected
sed -i 's/unmap_by_driver/zz_one/g; s/do_unmap/__iommu_unmap_pages/g' "$S/renamed/drivers/iommu/iommu.c"
check "renamed helpers: still PROTECTED" test "$(state_of "$S/renamed")" = PROTECTED

# A dead function called __iommu_unmap() that back-fills does not count.
scratch decoy moved-exposed
cat >> "$S/decoy/drivers/iommu/iommu.c" <<'EOF'

size_t __iommu_unmap(struct iommu_domain *domain, unsigned long iova,
		     size_t len, struct iommu_iotlb_gather *iotlb_gather)
{
	size_t got = domain->ops->unmap_pages(domain, iova, len, 1, iotlb_gather);

	if (iotlb_gather->start >= iotlb_gather->end)
		iommu_iotlb_gather_add_range(iotlb_gather, iova, got);
	return got;
}
EOF
check "a back-filling __iommu_unmap() not reached from iommu_unmap(): still EXPOSED" \
	test "$(state_of "$S/decoy")" = EXPOSED

# The back-fill must be guarded by an emptiness test (or nothing), with
# the right polarity, on the success path.
scratch unrelated moved-protected
sed -i 's/if (iommu_iotlb_gather_is_empty(gather))/if (domain->pgsize_bitmap \& 1)/' "$S/unrelated/drivers/iommu/iommu.c"
check "a fill under an unrelated test is no back-fill: EXPOSED" test "$(state_of "$S/unrelated")" = EXPOSED
scratch inverted moved-protected
sed -i 's/if (iommu_iotlb_gather_is_empty(gather))/if (!iommu_iotlb_gather_is_empty(gather))/' "$S/inverted/drivers/iommu/iommu.c"
check "a fill only when the gather is not empty is no back-fill: EXPOSED" test "$(state_of "$S/inverted")" = EXPOSED
scratch failpath moved-protected
awk '/if \(step == 0\)/ { print "\t\tif (step == 0) {"; print "\t\t\tiommu_iotlb_gather_add_range(gather, iova, len);"; getline; print; print "\t\t}"; next }
	/iommu_iotlb_gather_is_empty\(gather\)\)$/ { getline; next } { print }' \
	"$CORPUS/cores/moved-protected/drivers/iommu/iommu.c" > "$S/failpath/drivers/iommu/iommu.c"
t_failpath() {
	grep -q 'if (step == 0) {' "$S/failpath/drivers/iommu/iommu.c" &&
		[ "$(state_of "$S/failpath")" = EXPOSED ]
}
check "a fill on the failure path (step == 0) is no back-fill: EXPOSED" t_failpath

# Other ways to back-fill: direct stores, a helper of the file.
scratch stores moved-protected
sed -i 's/^\t\t\tiommu_iotlb_gather_add_range(gather, iova, step);$/\t\t\t*gather = (struct iommu_iotlb_gather) { .start = iova, .end = iova + step - 1 };/' \
	"$S/stores/drivers/iommu/iommu.c"
check "a compound-literal store is not read as a fill: EXPOSED" test "$(state_of "$S/stores")" = EXPOSED
sed -i 's/^\t\t\t\*gather = .*$/\t\t\t{ gather->start = iova; gather->end = iova + step - 1; }/' \
	"$S/stores/drivers/iommu/iommu.c"
t_stores() {
	grep -q 'gather->end = iova + step - 1;' "$S/stores/drivers/iommu/iommu.c" &&
		[ "$(state_of "$S/stores")" = PROTECTED ] &&
		gcc -fsyntax-only -Wall -Werror -I "$S/stores/include" -I "$CORPUS/include" \
			"$S/stores/drivers/iommu/iommu.c"
}
check "direct stores to ->start and ->end under the emptiness test: PROTECTED" t_stores
scratch helper moved-protected
awk '/^static size_t unmap_by_driver/ {
		print "static void mark_used(struct iommu_iotlb_gather *g, unsigned long at, size_t n)"
		print "{"
		print "\tif (g->end == 0)"
		print "\t\tiommu_iotlb_gather_add_range(g, at, n);"
		print "}"
		print ""
	}
	/iommu_iotlb_gather_is_empty\(gather\)\)$/ { getline; print "\t\tmark_used(gather, iova, step);"; next }
	{ print }' "$CORPUS/cores/moved-protected/drivers/iommu/iommu.c" > "$S/helper/drivers/iommu/iommu.c"
t_helper() {
	"$GL" core "$S/helper" | grep -q '^PROTECTED .*unmap_by_driver() back-fills an empty gather through mark_used() (tested at line' &&
		gcc -fsyntax-only -Wall -Werror -I "$S/helper/include" -I "$CORPUS/include" \
			"$S/helper/drivers/iommu/iommu.c"
}
check "a back-fill through a helper of the file that tests ->end == 0: PROTECTED" t_helper

# The sync decides LATENT: without the early return the core is LATENT.
scratch latent moved-exposed
awk '/iommu_iotlb_gather_is_empty\(iotlb_gather\)\) \/\*/ { getline; next } { print }' \
	"$CORPUS/cores/moved-exposed/include/linux/iommu.h" > "$S/latent/include/linux/iommu.h"
check "the sync without its emptiness test: LATENT" test "$(state_of "$S/latent")" = LATENT

# --- the core fix on the moved-loop shape -------------------------------------------
scratch mfix moved-exposed
"$GL" fix --fix=core "$S/mfix" > "$S/mfix.diff" 2> "$S/mfix.err"
t_mfix() {
	grep -q '^+.*iommu_iotlb_gather_add_range(iotlb_gather, iova, got);' "$S/mfix.diff" &&
		(cd "$S/mfix" && patch -p1 -s < "$S/mfix.diff") &&
		"$GL" core "$S/mfix" | grep -q '^PROTECTED .*unmap_walk_driver() back-fills' &&
		gcc -fsyntax-only -Wall -Werror -I "$S/mfix/include" -I "$CORPUS/include" \
			"$S/mfix/drivers/iommu/iommu.c"
}
check "fix --fix=core on moved-exposed: the back-fill goes into unmap_walk_driver(), applies, PROTECTED, compiles" t_mfix
t_midem() { d=$("$GL" fix --fix=core "$S/mfix") && [ -z "$d" ]; }
check "fix --fix=core on the fixed moved core: empty diff" t_midem

# checkpatch: the tree's own, strict, no error and no warning (the diff has
# no commit message of its own).
checkpatch_clean() {	# checkpatch_clean KDIR DIFF
	(cd "$1" && perl scripts/checkpatch.pl --strict --no-signoff --ignore COMMIT_MESSAGE "$2") |
		grep -q '^total: 0 errors, 0 warnings, 0 checks'
}

# --- Debian's 6.1: LATENT; the core fix still goes into __iommu_unmap() -----------
K61=$("$top/tests/kernel/tree.sh" 2>/dev/null) || K61=
if [ -n "$K61" ]; then
	t_61() {
		"$GL" core "$K61" > "$S/61.core" &&
			grep -q '^LATENT include/linux/iommu.h:511 ' "$S/61.core" &&
			grep -q '__iommu_unmap_pages() calls the domain ops. .unmap_pages() (iommu_unmap -> __iommu_unmap -> __iommu_unmap_pages); the unmap loop is in __iommu_unmap() ' "$S/61.core"
	}
	check "6.1: LATENT at include/linux/iommu.h:511; the loop is __iommu_unmap() around __iommu_unmap_pages()" t_61
	"$GL" fix --fix=core "$K61" > "$S/61.diff" 2> "$S/61.err"
	t_61fix() {
			grep -q '^+.*iommu_iotlb_gather_add_range(iotlb_gather, iova, unmapped_page);' "$S/61.diff" &&
			(cd "$K61" && patch -p1 --dry-run -s < "$S/61.diff")
	}
	check "6.1: fix --fix=core writes the back-fill into __iommu_unmap() and applies" t_61fix
	check "6.1: the core fix passes the tree's checkpatch.pl --strict" checkpatch_clean "$K61" "$S/61.diff"
	mkdir -p "$S/k61/include/linux" "$S/k61/drivers/iommu"
	cp "$K61/include/linux/iommu.h" "$S/k61/include/linux/"
	cp "$K61/drivers/iommu/iommu.c" "$S/k61/drivers/iommu/"
	t_61after() {
		(cd "$S/k61" && patch -p1 -s < "$S/61.diff") &&
			"$GL" core "$S/k61" | grep -q '^LATENT .*__iommu_unmap() back-fills an empty gather'
	}
	check "6.1 with the core fix: still LATENT, the loop now back-fills" t_61after
else
	not_ok "linux-source-6.1 tree available (tests/kernel/tree.sh)"
fi

# --- Debian sid's 7.2: PROTECTED; EXPOSED without the back-fill ---------------------
K72=$("$top/tests/kernel/tree-7.2.sh" 2>"$S/tree72.err") || K72=
if [ -z "$K72" ]; then
	not_ok "linux-source-7.2 tree available (tests/kernel/tree-7.2.sh: $(head -1 "$S/tree72.err"))"
	exit 0
fi
ok "linux-source-7.2 tree available ($K72, $(cat "$top/build/.linux-source-7.2.version" 2>/dev/null))"
bf=$(grep -n 'iommu_iotlb_gather_add_range(iotlb_gather, iova, size);' "$K72/drivers/iommu/iommu.c" | cut -d: -f1)
skipl=$(grep -n 'likely(iotlb_gather->start < iotlb_gather->end)' "$K72/include/linux/iommu.h" | head -1 | cut -d: -f1)
t0=$(date +%s%N)
"$GL" core "$K72" > "$S/72.core"
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
t_72() {
	[ -n "$bf" ] && grep -q "^PROTECTED drivers/iommu/iommu.c:$bf " "$S/72.core" &&
		grep -q "include/linux/iommu.h:$skipl: iommu_iotlb_sync() skips empty gathers" "$S/72.core" &&
		grep -q 'iommu_unmap -> __iommu_unmap -> __iommu_unmap_domain_pgtbl' "$S/72.core"
}
check "7.2: PROTECTED at drivers/iommu/iommu.c:$bf (the loop in __iommu_unmap_domain_pgtbl(), skip at iommu.h:$skipl)" t_72
check "7.2: gatherlint core takes under 5 s (${ms} ms)" test "$ms" -lt 5000
t_72idem() { d=$("$GL" fix --fix=core "$K72") && [ -z "$d" ]; }
check "7.2: fix --fix=core prints an empty diff (the loop back-fills)" t_72idem

# A 7.2 that took the skip without the back-fill (90c5def10bea without its
# fix): the comment block and the two lines of the back-fill removed from a
# scratch copy of iommu.c.
E=$S/k72-exposed
mkdir -p "$E/include/linux" "$E/drivers/iommu"
cp "$K72/include/linux/iommu.h" "$E/include/linux/"
c=$(grep -n "If the driver itself isn't using the gather" "$K72/drivers/iommu/iommu.c" | cut -d: -f1)
sed "$((c - 1)),${bf}d" "$K72/drivers/iommu/iommu.c" > "$E/drivers/iommu/iommu.c"
t_cut() {
	[ "$((bf - c))" -eq 4 ] &&
		[ "$(($(wc -l < "$K72/drivers/iommu/iommu.c") - $(wc -l < "$E/drivers/iommu/iommu.c")))" -eq 6 ] &&
		! grep -q 'iommu_iotlb_gather_add_range(iotlb_gather, iova, size)' "$E/drivers/iommu/iommu.c"
}
check "7.2 scratch copy: the 6 lines of the back-fill removed" t_cut
t_72e() { "$GL" core "$E" | grep -q "^EXPOSED include/linux/iommu.h:$skipl .*unmap loop is in __iommu_unmap_domain_pgtbl() .*does not back-fill"; }
check "7.2 without the back-fill: EXPOSED at include/linux/iommu.h:$skipl" t_72e
"$GL" fix --fix=core "$E" > "$S/72e.diff" 2> "$S/72e.err"
t_72fix() {
	grep -q '^+.*iommu_iotlb_gather_add_range(iotlb_gather, iova, unmapped_page);' "$S/72e.diff" &&
		(cd "$E" && patch -p1 -s < "$S/72e.diff") &&
		"$GL" core "$E" | grep -q '^PROTECTED .*__iommu_unmap_domain_pgtbl() back-fills an empty gather'
}
check "7.2 without the back-fill: fix --fix=core goes into __iommu_unmap_domain_pgtbl(), applies, then PROTECTED" t_72fix
check "7.2: the core fix passes the tree's checkpatch.pl --strict" checkpatch_clean "$K72" "$S/72e.diff"
t_72eidem() { d=$("$GL" fix --fix=core "$E") && [ -z "$d" ]; }
check "7.2 fixed: a second fix --fix=core prints an empty diff" t_72eidem

#!/bin/sh
# The hooks in real temporary git repositories: a bad unmap is refused in
# checkpatch style, a good one passes, a partially staged file is judged
# by its staged content, an existing hook is chained, the index and the
# work tree are never changed, and an outgoing series with one bad patch
# is refused naming that patch.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

r=$OUT/hookrepo
rm -rf "$r" && mkdir -p "$r"
cp -R "$CORPUS/include" "$r/include"
drv() {	# drv fill|nofill > file
	cat <<EOC
// SPDX-License-Identifier: GPL-2.0
#include <linux/iommu.h>
#include <linux/errno.h>

static size_t hk_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	size_t size = pgsize * pgcount;

$( [ "$1" = fill ] && printf '\tiommu_iotlb_gather_add_range(gather, iova, size);\n' )
	return size;
}

static void hk_sync(struct iommu_domain *domain,
		    struct iommu_iotlb_gather *gather)
{
}

const struct iommu_domain_ops hk_ops = {
	.unmap_pages	= hk_unmap,
	.iotlb_sync	= hk_sync,
};
EOC
}
g() { git -C "$r" "$@"; }
g init -q && g config user.email t@example.org && g config user.name tester
mkdir -p "$r/drivers/iommu"
drv fill > "$r/drivers/iommu/hk.c"
g add -A && g commit -q -m base --no-verify
# an existing pre-commit hook, to be chained
printf '#!/bin/sh\ntouch "%s/chained-ran"\n' "$OUT" > "$r/.git/hooks/pre-commit"
chmod +x "$r/.git/hooks/pre-commit"
check "make install-hooks GIT_DIR=..." make -s -C "$top" install-hooks GIT_DIR="$r/.git"
check "the existing hook is kept for chaining" test -x "$r/.git/hooks/pre-commit.pre-gatherlint"
check "installing twice keeps one chained hook" sh -c "make -s -C '$top' install-hooks GIT_DIR='$r/.git' >/dev/null && ! ls '$r/.git/hooks/' | grep -q 'pre-gatherlint.pre-gatherlint'"

state() { (g status --porcelain; g diff; g diff --cached) | cksum; }

# bad commit refused
drv nofill > "$r/drivers/iommu/hk.c"
g add drivers/iommu/hk.c
before=$(state)
rm -f "$OUT/chained-ran"
g commit -q -m bad > "$OUT/h1.out" 2> "$OUT/h1.err"
check "a commit adding a bad unmap is refused" test $? -ne 0
check "the refusal is checkpatch style" grep -qE '^WARNING:IOMMU_GATHER_UNFILLED: ' "$OUT/h1.err"
check "the refusal names FILE:LINE" grep -qE '^#[0-9]+: FILE: drivers/iommu/hk.c:[0-9]+:' "$OUT/h1.err"
check "the chained hook ran first" test -e "$OUT/chained-ran"
check "the hook left the index and work tree alone" test "$before" = "$(state)"

# good commit passes
drv fill > "$r/drivers/iommu/hk.c"
g add drivers/iommu/hk.c
drv fill > "$r/drivers/iommu/hk2.c"
sed -i 's/hk_/hk2_/g' "$r/drivers/iommu/hk2.c"
g add drivers/iommu/hk2.c
check "a commit with a good unmap passes" g commit -q -m good

# partially staged: good staged, bad in the work tree -> passes
drv fill > "$r/drivers/iommu/hk3.c"; sed -i 's/hk_/hk3_/g' "$r/drivers/iommu/hk3.c"
g add drivers/iommu/hk3.c
drv nofill > "$r/drivers/iommu/hk3.c"; sed -i 's/hk_/hk3_/g' "$r/drivers/iommu/hk3.c"
before=$(state)
check "staged good, work tree bad: passes (staged content is judged)" g commit -q -m partial-good
check "the work tree still holds the unstaged change" sh -c "git -C '$r' diff --quiet; test \$? -eq 1"
# partially staged: bad staged, good in the work tree -> refused
drv nofill > "$r/drivers/iommu/hk4.c"; sed -i 's/hk_/hk4_/g' "$r/drivers/iommu/hk4.c"
g add drivers/iommu/hk4.c
drv fill > "$r/drivers/iommu/hk4.c"; sed -i 's/hk_/hk4_/g' "$r/drivers/iommu/hk4.c"
g checkout -q -- drivers/iommu/hk3.c
before=$(state)
g commit -q -m partial-bad > /dev/null 2>&1
check "staged bad, work tree good: refused" test $? -ne 0
check "the refused commit left the index and work tree alone" test "$before" = "$(state)"
g reset -q -- drivers/iommu/hk4.c && rm -f "$r/drivers/iommu/hk4.c"

# --fail-on configuration: an error threshold lets a warning through
g config gatherlint.failOn error
drv nofill > "$r/drivers/iommu/hk5.c"; sed -i 's/hk_/hk5_/g' "$r/drivers/iommu/hk5.c"
g add drivers/iommu/hk5.c
check "gatherlint.failOn=error lets a warning-level finding through" g commit -q -m warn-ok
g config gatherlint.failOn warning

# sendemail-validate on a series of three, the second one bad
for i in 6 7 8; do
	if [ $i = 7 ]; then drv nofill; else drv fill; fi | sed "s/hk_/hk${i}_/g" > "$r/drivers/iommu/hk$i.c"
	g add "drivers/iommu/hk$i.c" && g commit -q --no-verify -m "iommu/hk$i: add driver"
done
g format-patch -q -3 -o "$OUT/series" > /dev/null
g reset -q --hard HEAD~3
before=$(state)
head_before=$(g rev-parse HEAD)
n=0
for p in "$OUT"/series/*.patch; do
	n=$((n + 1))
	(cd "$r" && GIT_SENDEMAIL_FILE_COUNTER=$n GIT_SENDEMAIL_FILE_TOTAL=3 \
		.git/hooks/sendemail-validate "$p") > "$OUT/se.$n.out" 2> "$OUT/se.$n.err"
	echo $? > "$OUT/se.$n.rc"
done
check "sendemail-validate: patch 1 (good) passes" test "$(cat "$OUT/se.1.rc")" -eq 0
check "sendemail-validate: patch 2 (bad) is refused" test "$(cat "$OUT/se.2.rc")" -ne 0
check "sendemail-validate: the refusal names 0002-*.patch" grep -q '0002-iommu-hk7-add-driver.patch' "$OUT/se.2.err"
check "sendemail-validate: patch 3 (good) passes" test "$(cat "$OUT/se.3.rc")" -eq 0
check "sendemail-validate: HEAD, index and work tree untouched" test "$before" = "$(state)" -a "$head_before" = "$(g rev-parse HEAD)"
check "sendemail-validate: the scratch worktree is gone after the series" sh -c "[ \$(git -C '$r' worktree list | wc -l) -eq 1 ]"

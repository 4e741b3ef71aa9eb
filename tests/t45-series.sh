#!/bin/sh
# shellcheck disable=SC2010,SC2012,SC2013,SC2044
# gatherlint fix --series (SPEC 5) on a git repository made from Debian's
# linux-source-6.1: one patch per driver and a cover letter, each patch
# clean by the tree's own scripts/checkpatch.pl --strict, subject prefixes
# from the file's history or its path, Fixes: from git blame, Cc: from
# get_maintainer.pl, `git am` applies the series in order and the patched
# tree re-audits clean; --fix=core puts the core back-fill first; a dirty
# tree, a patch that does not apply and a missing identity are one-line
# errors (exit 2, nothing written); outside a git tree the series is still
# written.  Then the corpus: both engines write the same series, clean by
# checkpatch (the blank line after a declaration the fix adds).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

if ! have_engine cocci; then
	not_ok "fix --series: the cocci engine is not available"
	exit 0
fi
K=$("$top/tests/kernel/tree.sh") || { not_ok "linux-source-6.1 tree available"; exit 0; }
S=$OUT/series
rm -rf "$S" && mkdir -p "$S/home"
# no identity but the one each test gives
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL

# --- the git repository ---------------------------------------------------------
# Its work tree is the whole 6.1 tree (hard links to the extracted tree,
# which nothing here writes); it tracks what the series touches and what
# the kernel's tools read (the top-level files, drivers/iommu, include/linux,
# scripts: copies): committing all 78000 files costs minutes of I/O.
# Debian's top-level .gitignore ignores everything at the top level
# ("/*"): the files are added with -f.  History: the tree, then
# drivers/iommu, then apple-dart.c alone as "iommu/dart: ...".
R=$S/linux
t_repo() {
	cp -al "$K" "$R" || return 1
	for d in drivers/iommu include/linux scripts; do
		rm -rf "${R:?}/$d" && cp -a "$K/$d" "$R/$d" || return 1
	done
	(
		cd "$R" || exit 1
		for f in $(find . -maxdepth 1 -type f -printf '%P\n'); do
			rm -f "$f" && cp -p "$K/$f" "$f" || exit 1
		done
		git init -q && git config user.name "Series Test" &&
			git config user.email series@example.org &&
			git config commit.gpgsign false || exit 1
		# shellcheck disable=SC2046
		git add -f $(find . -maxdepth 1 -type f -printf '%P\n') include/linux scripts &&
			git commit -qm "Linux 6.1 (Debian linux-source-6.1)" &&
			git add -f drivers/iommu ':!drivers/iommu/apple-dart.c' &&
			git commit -qm "iommu: Add the IOMMU drivers of Linux 6.1" &&
			git add -f drivers/iommu/apple-dart.c &&
			git commit -qm "iommu/dart: Add the Apple DART driver of Linux 6.1" &&
			[ -z "$(git status --porcelain --untracked-files=no)" ]
	)
}
check "a git repository made from the 6.1 tree (3 commits, clean)" t_repo
base=$(git -C "$R" rev-parse HEAD)
c_dart=$base
c_drivers=$(git -C "$R" rev-parse HEAD~1)
glr() { (cd "$R" && "$GL" "$@"); }

# --- refusals first (before any analysis) -----------------------------------------
echo '/* local change */' >> "$R/drivers/iommu/iommu.c"
glr fix --series="$S/dirty" drivers/iommu > "$S/dirty.out" 2> "$S/dirty.err"
rc=$?
t_dirty() {
	[ $rc -eq 2 ] && [ "$(wc -l < "$S/dirty.err")" -eq 1 ] &&
		grep -q 'uncommitted changes' "$S/dirty.err" && [ ! -e "$S/dirty" ]
}
check "a dirty work tree: one line, exit 2, nothing written" t_dirty
git -C "$R" checkout -q -- drivers/iommu/iommu.c

# --- the series ------------------------------------------------------------------
glr fix --series="$S/s1" --cc --facts-out="$S/k.facts" drivers/iommu > "$S/s1.out" 2> "$S/s1.err"
rc=$?
check "fix --series --cc on the 6.1 repository: exit 0, nothing on stderr" \
	test $rc -eq 0 -a ! -s "$S/s1.err"
ls "$S/s1"/*.patch 2>/dev/null | grep -v '/0000-cover-letter\.patch$' > "$S/s1.list"
# one patch per driver: the files of the expected unmap-gather-unfilled warnings
grep -v '^#' "$top/tests/kernel/linux-6.1.expected" |
	awk '$2 == "unmap-gather-unfilled" && $3 == "warning" { split($1, a, ":"); print a[1] }' |
	LC_ALL=C sort -u > "$S/want.files"
# shellcheck disable=SC2046
sed -n 's|^+++ b/||p' $(cat "$S/s1.list") | LC_ALL=C sort > "$S/got.files"
check "one patch per driver ($(wc -l < "$S/want.files") drivers) and a cover letter" \
	sh -c "cmp -s '$S/want.files' '$S/got.files' && [ -f '$S/s1/0000-cover-letter.patch' ] &&
		grep -q '^Subject: \[PATCH 0/$(wc -l < "$S/want.files")\] iommu: ' '$S/s1/0000-cover-letter.patch'"
t_printed() { ls "$S/s1"/*.patch | cmp -s - "$S/s1.out"; }
check "the written files are printed, one a line" t_printed
t_untouched() {
	[ "$(git -C "$R" rev-parse HEAD)" = "$base" ] &&
		[ -z "$(git -C "$R" status --porcelain --untracked-files=no)" ] &&
		[ "$(git -C "$R" for-each-ref | wc -l)" -eq 1 ]
}
check "the repository is untouched (HEAD, index, work tree, refs)" t_untouched

# checkpatch as a maintainer runs it, from the tree's top
checkpatch() {	# checkpatch DIR PATCH
	(cd "$1" && perl scripts/checkpatch.pl --strict "$2") > "$S/cp.out" 2>&1
	grep -q '^total: 0 errors, 0 warnings, ' "$S/cp.out" ||
		{ grep -E '^(ERROR|WARNING|total)' "$S/cp.out"; false; }
}
while IFS= read -r p; do
	check "checkpatch.pl --strict: 0 errors, 0 warnings: ${p##*/}" checkpatch "$R" "$p"
done < "$S/s1.list"

# shellcheck disable=SC2046
patch_of() { grep -l "^+++ b/$1\$" $(cat "$S/s1.list"); }
t_prefix() {
	grep -q '^Subject: \[PATCH [0-9]/[0-9]\] iommu/dart: Fill the iotlb gather' "$(patch_of drivers/iommu/apple-dart.c)" &&
		grep -q '^Subject: \[PATCH [0-9]/[0-9]\] iommu/sun50i: Fill the iotlb gather' "$(patch_of drivers/iommu/sun50i-iommu.c)" &&
		grep -q '^Subject: \[PATCH [0-9]/[0-9]\] iommu/virtio: ' "$(patch_of drivers/iommu/virtio-iommu.c)"
}
check "subject prefixes: the file's history (iommu/dart), else its path (iommu/sun50i, iommu/virtio)" t_prefix
t_fixes() {
	d=$(printf '%s' "$c_dart" | cut -c1-12)
	v=$(printf '%s' "$c_drivers" | cut -c1-12)
	grep -qx "Fixes: $d (\"iommu/dart: Add the Apple DART driver of Linux 6.1\")" "$(patch_of drivers/iommu/apple-dart.c)" &&
		grep -qx "Fixes: $v (\"iommu: Add the IOMMU drivers of Linux 6.1\")" "$(patch_of drivers/iommu/sun50i-iommu.c)" &&
		[ "$(grep -c '^Fixes: ' "$(patch_of drivers/iommu/virtio-iommu.c)")" -eq 1 ]
}
check "Fixes: the commit git blame names for the unfilled return (once per commit)" t_fixes
t_sob() {
	for p in $(cat "$S/s1.list"); do
		grep -qx 'From: Series Test <series@example.org>' "$p" &&
			grep -qx 'Signed-off-by: Series Test <series@example.org>' "$p" || return 1
	done
}
check "From: and Signed-off-by: from the repository's user.name/user.email" t_sob
t_cc() {
	for p in $(cat "$S/s1.list"); do
		grep -q '^Cc: .*<joro@8bytes.org>$' "$p" && grep -qx 'Cc: iommu@lists.linux.dev' "$p" || return 1
	done
	grep -q '^Cc: .*<joro@8bytes.org>$' "$S/s1/0000-cover-letter.patch"
}
check "--cc: Cc: lines from the tree's get_maintainer.pl (patches and cover letter)" t_cc
t_body() {
	p=$(patch_of drivers/iommu/ipmmu-vmsa.c)
	grep -q 'ipmmu_unmap(), the .unmap callback of' "$p" &&
		grep -q 'not in the shared io-pgtable format code' "$p" &&
		grep -q "^This tree's core is LATENT: iommu_iotlb_sync() calls .iotlb_sync" "$p"
}
check "a body: what the driver's unmap does, the core state, why the fill sits there" t_body
t_holds() {
	glr fix --series="$S/s1" drivers/iommu > /dev/null 2> "$S/holds.err"
	[ $? -eq 2 ] && grep -q 'already holds a series' "$S/holds.err"
}
check "fix --series into a directory that holds a series: one line, exit 2" t_holds

# --- git am, then a re-audit of the patched tree -----------------------------------
t_am() {
	# shellcheck disable=SC2046
	git -C "$R" am -q $(cat "$S/s1.list") &&
		[ "$(git -C "$R" rev-list --count "$base..HEAD")" -eq "$(wc -l < "$S/s1.list")" ]
}
check "git am applies the series in order" t_am
# the patched files' facts anew, the others' as before (nothing else changed)
t_reaudit() {
	# shellcheck disable=SC2046
	glr audit --fail-on=never --format=tsv --facts-out="$S/p.facts" $(cat "$S/want.files") > /dev/null || return 1
	awk -F '\t' 'FNR == NR { if ($1 == "fn") mine[$2] = 1; print; next } !($2 in mine)' \
		"$S/p.facts" "$S/k.facts" > "$S/m.facts"
	glr audit --fail-on=never --format=tsv --facts-in="$S/m.facts" drivers/iommu > "$S/re.tsv" || return 1
	awk -F '\t' '$1 == "unmap-gather-unfilled" && $5 != "note" { print; bad = 1 } END { exit bad }' "$S/re.tsv" &&
		[ "$(awk -F '\t' '$1 == "unmap-gather-unfilled"' "$S/re.tsv" | wc -l)" -gt 0 ]
}
check "the patched tree re-audits with no unmap-gather-unfilled above note" t_reaudit
git -C "$R" reset -q --hard "$base"

# --- --fix=core: the core back-fill first (facts of sun50i only: one driver) ---------
grep -F "	drivers/iommu/sun50i-iommu.c	" "$S/k.facts" > "$S/sun.facts"
glr fix --series="$S/s2" --fix=core --facts-in="$S/sun.facts" drivers/iommu > "$S/s2.out" 2> "$S/s2.err"
rc=$?
t_core() {
	[ $rc -eq 0 ] && [ "$(ls "$S/s2" | wc -l)" -eq 3 ] &&
		grep -q '^Subject: \[PATCH 1/2\] iommu: Add the unmapped range to a gather the driver' "$S/s2"/0001-*.patch &&
		grep -q '^+++ b/drivers/iommu/iommu.c$' "$S/s2"/0001-*.patch &&
		grep -q '^Subject: \[PATCH 2/2\] iommu/sun50i: ' "$S/s2"/0002-*.patch &&
		grep -q '^The first patch makes the core robust' "$S/s2/0000-cover-letter.patch"
}
check "--fix=core --series: the core back-fill as patch 1, the driver after it" t_core
check "checkpatch.pl --strict: 0 errors, 0 warnings: the core patch" checkpatch "$R" "$(ls "$S/s2"/0001-*.patch)"
t_am2() {
	git -C "$R" am -q "$S/s2"/0001-*.patch "$S/s2"/0002-*.patch &&
		"$GL" core "$R" | grep -q '__iommu_unmap() back-fills an empty gather'
}
check "git am applies it; the core then back-fills" t_am2
git -C "$R" reset -q --hard "$base"

# --- a patch that does not apply: sun50i-iommu.c no longer tracked ------------------
git -C "$R" rm -q --cached drivers/iommu/sun50i-iommu.c &&
	git -C "$R" commit -qm "iommu: Stop tracking sun50i-iommu.c"
glr fix --series="$S/s3" --facts-in="$S/sun.facts" drivers/iommu > "$S/s3.out" 2> "$S/s3.err"
rc=$?
t_noapply() {
	[ $rc -eq 2 ] && [ "$(wc -l < "$S/s3.err")" -eq 1 ] &&
		grep -q 'sun50i-iommu.c does not apply' "$S/s3.err" && [ ! -e "$S/s3" ]
}
check "a patch that does not apply: one line, exit 2, nothing written" t_noapply
git -C "$R" reset -q --soft HEAD~1 && git -C "$R" reset -q HEAD -- drivers/iommu/sun50i-iommu.c

# --- outside a git tree: the extracted tree itself (read only) ----------------------
grep -E "	drivers/iommu/(sun50i-iommu|virtio-iommu)\.c	" "$S/k.facts" > "$S/two.facts"
glk() { (cd "$K" && HOME=$S/home XDG_CONFIG_HOME=$S/home "$GL" "$@"); }
glk fix --series="$S/s4" --facts-in="$S/two.facts" drivers/iommu > /dev/null 2> "$S/s4.err"
rc=$?
t_noid() { [ $rc -eq 2 ] && grep -q -- "--from=" "$S/s4.err" && [ ! -e "$S/s4" ]; }
check "outside git, no identity: a clear error asking for --from, exit 2" t_noid
glk fix --series="$S/s4" --from='Out Side <out@example.org>' --facts-in="$S/two.facts" \
	drivers/iommu > /dev/null 2> "$S/s4.err"
rc=$?
t_outside() {
	[ $rc -eq 0 ] && [ "$(ls "$S/s4" | wc -l)" -eq 3 ] &&
		! grep -q '^Fixes:' "$S/s4"/*.patch &&
		grep -qx 'Signed-off-by: Out Side <out@example.org>' "$S/s4"/0001-*.patch &&
		grep -q '^Subject: \[PATCH 1/2\] iommu/sun50i: ' "$S/s4"/0001-*.patch
}
check "outside git: the series is written (no Fixes:, SoB from --from, prefix from the path)" t_outside
check "outside git: checkpatch.pl --strict clean" checkpatch "$K" "$(ls "$S/s4"/0002-*.patch)"
t_env() {
	(cd "$K" && HOME=$S/home XDG_CONFIG_HOME=$S/home GIT_AUTHOR_NAME="Env Author" \
		GIT_AUTHOR_EMAIL=env@example.org "$GL" fix --series="$S/s5" \
		--facts-in="$S/two.facts" drivers/iommu) > /dev/null 2>&1 &&
		grep -qx 'Signed-off-by: Env Author <env@example.org>' "$S/s5"/0001-*.patch
}
check "outside git: the identity from the environment (GIT_AUTHOR_NAME/EMAIL)" t_env

# --- the corpus: both engines, the same patches, checkpatch clean --------------------
# The fixes that add a declaration (a stored size, an iova capture before
# a statement or among declarations), a braced else, a format driver.
C=$S/corpus
mkdir -p "$C"
(cd "$CORPUS" && cp -R include formats misses paths "$C/")
cat > "$C/paths/zz-capture.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
/* A test driver for t45: the iova capture before a statement. */
#include <linux/iommu.h>

static size_t zz_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			     size_t pgsize, size_t pgcount,
			     struct iommu_iotlb_gather *gather)
{
	if (!pgcount)
		return 0;
	iova += pgsize;
	return pgsize * pgcount;
}

static void zz_iotlb_sync(struct iommu_domain *domain,
			  struct iommu_iotlb_gather *gather)
{
}

static const struct iommu_domain_ops zz_domain_ops = {
	.unmap_pages	= zz_unmap_pages,
	.iotlb_sync	= zz_iotlb_sync,
};
EOF
set -- misses/onyx-dart.c misses/quill-ipmmu.c paths/nutmeg-iommu.c paths/olive-iommu.c \
	paths/yarrow-iommu.c paths/zz-capture.c paths/vendor-nullcall-iommu.c formats
engines=cocci
have_engine gcc && engines="cocci gcc"
for e in $engines; do
	(cd "$C" && "$GL" fix --engine="$e" --series="$S/c.$e" --from='Corpus Test <c@example.org>' "$@") \
		> /dev/null 2> "$S/c.$e.err"
	check "corpus ($e): fix --series writes 7 patches and a cover letter" \
		test "$(ls "$S/c.$e" 2>/dev/null | wc -l)" -eq 8
	for p in "$S/c.$e"/000[1-9]-*.patch; do
		check "corpus ($e): checkpatch.pl --strict: 0 errors, 0 warnings: ${p##*/}" checkpatch "$K" "$p"
	done
done
t_blank() { grep -A1 '^+	unsigned long iova_start = iova;$' "$S/c.cocci"/*zz-capture*.patch | grep -qx '+'; }
check "corpus: a blank line after an iova capture that a statement follows" t_blank
# An entry point the driver calls with a NULL gather: the body says why
# the fill is guarded (lib/core/rules.c GL_MSG_SERIES_GUARD).
t_guard_text() {
	sed -n '/^Subject/,/^---$/p' "$S/c.cocci"/*vendor-nullcall*.patch | tr '\n' ' ' |
		grep -qF 'nullcall_unmap() is also called by nullcall_unmap_tile() with a NULL gather, so the fill is guarded by "if (gather)"'
}
check "corpus: the patch of an entry point called with a NULL gather says why the fill is guarded" t_guard_text
if have_engine gcc; then
	t_same() {
		for p in "$S/c.cocci"/000[1-9]-*.patch; do
			q=$S/c.gcc/${p##*/}
			sed -n '/^diff --git/,/^-- $/p' "$p" | awk -v diff=1 -f "$top/tests/norm.awk" > "$S/a.diff"
			sed -n '/^diff --git/,/^-- $/p' "$q" | awk -v diff=1 -f "$top/tests/norm.awk" > "$S/b.diff"
			cmp -s "$S/a.diff" "$S/b.diff" || { diff "$S/a.diff" "$S/b.diff"; return 1; }
		done
	}
	check "corpus: the cocci and gcc engines write the same patches (normalised: tests/norm.awk)" t_same
fi

# --- the GCC engine in the configured 6.1 tree (when t65 or t80 prepared it) --------
# The facts of the cocci run (the same sources) for the files the
# configuration builds; the gcc engine writes the fixes: clean by
# checkpatch, the same as the cocci engine's, and each patched file
# compiles with the command kbuild saved for it.
G=$top/build/linux-gcc-6.1
if [ -f "$G/.gatherlint-prepared" ] && have_engine gcc; then
	kcmd() {	# the kbuild command of FILE, compiling SRC to /dev/null
		sed -n '1{
			s/^[a-z]*cmd_[^ ]* := //
			s/\$\$/$/g
			s/\\#/#/g
			s/ -Wp,-MMD,[^ ]*//
			s/ *; .*//
			s/ -o [^ ]*\.o / -o \/dev\/null /
			p
		}' "$G/$(dirname "$1")/.$(basename "$1" .c).o.cmd" | sed "s|[^ ]*$1\$|$2|"
	}
	while IFS= read -r f; do
		[ -f "$G/$(dirname "$f")/.$(basename "$f" .c).o.cmd" ] || printf '\t%s\t\n' "$f"
	done < "$S/want.files" > "$S/unbuilt"
	grep -vF -f "$S/unbuilt" "$S/k.facts" > "$S/built.facts"
	(cd "$G" && "$GL" fix --engine=gcc --series="$S/g" --from='Gcc Test <g@example.org>' \
		--facts-in="$S/built.facts" drivers/iommu) > /dev/null 2> "$S/g.err"
	check "gcc engine in the configured tree: fix --series writes a patch per built driver" \
		test "$(ls "$S/g" | wc -l)" -eq $(($(wc -l < "$S/want.files") - $(wc -l < "$S/unbuilt") + 1))
	for p in "$S/g"/000[1-9]-*.patch; do
		check "gcc engine: checkpatch.pl --strict: 0 errors, 0 warnings: ${p##*/}" checkpatch "$G" "$p"
	done
	t_gsame() {
		for p in "$S/g"/000[1-9]-*.patch; do
			f=$(sed -n 's|^+++ b/||p' "$p")
			q=$(patch_of "$f")
			sed -n '/^diff --git/,/^-- $/p' "$p" | awk -v diff=1 -f "$top/tests/norm.awk" > "$S/a.diff"
			sed -n '/^diff --git/,/^-- $/p' "$q" | awk -v diff=1 -f "$top/tests/norm.awk" > "$S/b.diff"
			cmp -s "$S/a.diff" "$S/b.diff" || { diff "$S/a.diff" "$S/b.diff"; return 1; }
		done
	}
	check "gcc engine: the same fixes as the cocci engine's series (normalised)" t_gsame
	t_compiles() {
		rm -rf "$S/gsrc"
		for p in "$S/g"/000[1-9]-*.patch; do
			f=$(sed -n 's|^+++ b/||p' "$p")
			mkdir -p "$S/gsrc/$(dirname "$f")" && cp "$G/$f" "$S/gsrc/$f" || return 1
			sed -n '/^diff --git/,/^-- $/p' "$p" | (cd "$S/gsrc" && patch -s -p1) || return 1
			if ! (cd "$G" && sh -c "$(kcmd "$f" "$S/gsrc/$f") -I $(dirname "$f") -Werror"); then
				echo "$f does not compile"
				return 1
			fi
		done
	}
	check "gcc engine: every patched file compiles (kbuild's command, -Werror)" t_compiles
else
	skip "the configured 6.1 tree for the gcc engine (build/linux-gcc-6.1) is not prepared"
fi

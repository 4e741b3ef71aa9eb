# series.sh - `gatherlint fix --series=DIR` (SPEC 5): the fixes as a patch
# series for git send-email, one git format-patch file per driver file, a
# cover letter, and with --fix=core the core back-fill as its own first
# patch.  Sourced by bin/gatherlint (its die, tmp, root, lib, engine and
# pipeline functions); the texts come from `gatherlint-core series`.
#
# The patches are made by git itself: each fix is applied to a private
# index (GIT_INDEX_FILE) on top of HEAD, committed with commit-tree (no
# branch, no hook, the work tree and the user's index untouched) and
# written by git format-patch.  Outside a git tree the same is done in a
# private repository holding the touched files.  Everything is written
# into a temporary directory first; DIR gets the series only when every
# patch applied.
# (the CLI's variables, root, tmp, lib, engine, ..., are assigned there; a
# failure of "A && B" dies on purpose)
# shellcheck shell=sh disable=SC2154,SC2015

# series_prefix_path FILE: the subject prefix derived from the path
# (iommu/<driver>; iommu for the core itself)
series_prefix_path() {
	b=${1##*/}
	b=${b%.c}
	case $b in
	*-iommu|*_iommu) b=${b%?iommu} ;;
	iommu-*|iommu_*) b=${b#iommu?} ;;
	esac
	if [ -z "$b" ] || [ "$b" = iommu ]; then
		d=$(dirname -- "$1")
		b=${d##*/}
		case $b in iommu|.|'') printf 'iommu\n'; return ;; esac
	fi
	printf 'iommu/%s\n' "$b"
}

# series_prefix FILE: in a git tree, the "iommu/xxx:"-style prefix the
# file's own history uses most (the most recent of equals); else derived
# from the path
series_prefix() {
	p=
	if [ "$series_git" = 1 ] && [ "$1" != drivers/iommu/iommu.c ]; then
		p=$(git -C "$root" log -n 200 --no-merges --format=%s -- "$1" 2>/dev/null |
			sed -n 's|^\([A-Za-z0-9_.-]*/[A-Za-z0-9_.,/-]*\): .*|\1|p' |
			awk '{ n[$0]++; if (!($0 in first)) first[$0] = NR }
			END { for (k in n) if (n[k] > best || (n[k] == best && first[k] < bf)) {
				best = n[k]; bf = first[k]; w = k }
				if (best) print w }')
	fi
	[ -n "$p" ] || p=$(series_prefix_path "$1")
	printf '%s\n' "$p"
}

# series_fixes FILE LINE...: the Fixes: lines of the commits git blame
# names for the unfilled returns (not a boundary or root commit)
series_fixes() {
	f=$1
	shift
	for l; do
		git -C "$root" blame --porcelain -L "$l,$l" HEAD -- "$f" 2>/dev/null |
			awk 'NR == 1 { c = $1 } $1 == "boundary" { b = 1 }
			END { if (c != "" && !b) print c }'
	done | awk '!seen[$0]++' | while IFS= read -r c; do
		s=$(git -C "$root" log -1 --format=%s "$c" 2>/dev/null) || continue
		printf 'Fixes: %s ("%s")\n' "$(printf '%s' "$c" | cut -c1-12)" "$s"
	done
}

# series_cc PATCH: Cc: lines from the tree's scripts/get_maintainer.pl
series_cc() {
	(cd "$root" && perl scripts/get_maintainer.pl --no-rolestats --no-git \
		--no-git-fallback --no-tree "$1" 2>/dev/null) |
		awk 'NF && !seen[$0]++ { print "Cc: " $0 }'
}

# The identity of From: and Signed-off-by: (like format-patch -s):
# --from, else the author git would use (GIT_AUTHOR_*, user.name and
# user.email of the tree or of the user, EMAIL).
series_identity() {
	if [ -n "$series_from" ]; then
		case $series_from in
		?*' <'?*@?*'>') ;;
		*) die "--from needs 'Name <email>', not '$series_from'" ;;
		esac
		sob_name=${series_from% <*}
		sob_email=${series_from##* <}
		sob_email=${sob_email%>}
		return
	fi
	if [ "$series_git" = 1 ]; then
		gc() { git -C "$root" config "$1" 2>/dev/null; }
	else
		gc() { git config "$1" 2>/dev/null; }
	fi
	sob_name=${GIT_AUTHOR_NAME:-$(gc user.name)}
	sob_email=${GIT_AUTHOR_EMAIL:-$(gc user.email)}
	sob_email=${sob_email:-${EMAIL-}}
	[ -n "$sob_name" ] && [ -n "$sob_email" ] ||
		die "no identity for Signed-off-by: set git config user.name and" \
			"user.email, or give --from='Name <email>'"
}

# series_split DIFF: one diff per file, $tmp/series/NNNN.diff, and the
# file names in $tmp/series/files (in the order of DIFF: sorted by path)
series_split() {
	awk -v d="$tmp/series" '
		/^--- a\// { hold = $0; next }
		/^\+\+\+ b\// && hold != "" {
			n++; out = sprintf("%s/%04d.diff", d, n)
			f = substr($0, 7); sub(/\t.*/, "", f)
			print f > (d "/files")
			print hold > out; hold = ""
		}
		hold != "" { print hold > out; hold = "" }
		n { print > out }' "$1"
}

# git in the repository that makes the series (the tree's own, or the
# private one), with the private index
sgit() {
	GIT_INDEX_FILE=$tmp/series/index git --git-dir="$series_gitdir" "$@"
}

# series_commit PARENT MSGFILE: commit the private index, print the commit
series_commit() {
	t=$(sgit write-tree) || die "git write-tree failed"
	if [ -n "$1" ]; then
		sgit commit-tree "$t" -p "$1" -F "$2"
	else
		sgit commit-tree "$t" -F "$2"
	fi || die "git commit-tree failed"
}

# series_message OUT PREFIX TEXT DIFF FIXES: the commit message
series_message() {
	{
		printf '%s: ' "$2"
		cat "$3"
		printf '\n'
		cat "$5"
		if [ "$series_cc" = 1 ] && [ -n "$series_gm" ]; then
			{ cat "$3"; [ -s "$5" ] && cat "$5"; printf -- '---\n'; cat "$4"; } \
				> "$tmp/series/gm.patch"
			series_cc "$tmp/series/gm.patch" | tee -a "$tmp/series/cc"
		fi
		printf 'Signed-off-by: %s <%s>\n' "$sob_name" "$sob_email"
	} > "$1"
}

series_main() {
	command -v git >/dev/null 2>&1 ||
		die "git is missing: apt-get install git (fix --series writes git format-patch files)"
	[ "$in_place" = 0 ] || die "--series and --in-place exclude each other"
	series_show=${series_dir%/}
	case $series_dir in
	'') die "--series needs a directory: --series=DIR" ;;
	/*) ;;
	*) series_dir=$(pwd -P)/$series_dir ;;
	esac
	if [ -e "$series_dir" ]; then
		[ -d "$series_dir" ] || die "--series=$series_dir is not a directory"
		old=$(find "$series_dir" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' | head -1)
		[ -z "$old" ] || die "$series_dir already holds a series ($(basename -- "$old")): remove it or name another directory"
	fi
	mkdir "$tmp/series"

	# a git tree: the kernel tree's root is the top of a git work tree
	series_git=0
	gtop=$(git -C "$root" rev-parse --show-toplevel 2>/dev/null) &&
		[ "$(cd "$gtop" && pwd -P)" = "$root" ] && series_git=1
	if [ "$series_git" = 1 ]; then
		git -C "$root" rev-parse -q --verify HEAD >/dev/null ||
			die "the git tree $root has no commit yet"
		[ -z "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ] ||
			die "the git tree $root has uncommitted changes: commit or stash them first (a series is made against HEAD)"
	fi
	series_identity
	series_gm=
	if [ "$series_cc" = 1 ]; then
		if [ -f "$root/scripts/get_maintainer.pl" ]; then
			command -v perl >/dev/null 2>&1 || die "--cc needs perl (scripts/get_maintainer.pl)"
			series_gm=1
		else
			printf 'gatherlint: --cc: %s has no scripts/get_maintainer.pl; no Cc: lines\n' "$root" >&2
		fi
	fi

	# the fixes
	core_line
	: > "$tmp/core.diff"
	loop=
	if [ "$fixkind" = core ]; then
		is_kernel_root "$root" || die "--fix=core needs a kernel tree root ($root has no drivers/iommu/iommu.c)"
		core_diff "$tmp/core.diff"
		loop=$(awk -F '\t' '$1 == "loop" && $2 == "drivers/iommu/iommu.c" { print $3; exit }' "$tmp/loops")
	fi
	run_facts
	resolve "$fail_on"
	driver_diff "$tmp/diff"
	: > "$tmp/series/files"
	series_split "$tmp/diff"
	if [ ! -s "$tmp/series/files" ] && [ ! -s "$tmp/core.diff" ]; then
		printf 'gatherlint: nothing to fix: no series written\n' >&2
		return 0
	fi
	state=$(awk -F '\t' '{ print $2 }' "$tmp/core")
	[ -z "$core_opt" ] || state=$(printf '%s' "$core_opt" | tr '[:lower:]' '[:upper:]')
	coremsg=$(awk -F '\t' '{ print $5 }' "$tmp/core")
	text() {	# text OUT WHAT [ARGS...]: gatherlint-core series
		o=$1
		w=$2
		shift 2
		"$lib/gatherlint-core" series --what="$w" --core="$state" \
			--coremsg="$coremsg" --version="$GATHERLINT_VERSION" \
			--engine="$engine" "$@" < "$tmp/records" > "$o" ||
			die "internal error: gatherlint-core series failed"
	}

	# the private commits: author and committer as in the patches
	export GIT_AUTHOR_NAME="$sob_name" GIT_AUTHOR_EMAIL="$sob_email"
	export GIT_COMMITTER_NAME="$sob_name" GIT_COMMITTER_EMAIL="$sob_email"

	# the repository and the base of the series
	if [ "$series_git" = 1 ]; then
		# (a linked worktree's own directory: its HEAD, the shared objects)
		series_gitdir=$(cd "$root" && cd "$(git rev-parse --git-dir)" && pwd -P)
		base=$(git -C "$root" rev-parse HEAD)
		sgit read-tree "$base" || die "git read-tree HEAD failed"
	else
		series_gitdir=$tmp/series/repo.git
		git init -q --bare "$series_gitdir" || die "cannot create a git repository in $tmp"
		# the files the series touches, as they are
		{ cat "$tmp/series/files"; [ -s "$tmp/core.diff" ] && echo drivers/iommu/iommu.c; } |
			(cd "$root" && GIT_INDEX_FILE=$tmp/series/index \
				git --git-dir="$series_gitdir" --work-tree=. update-index --add --stdin) ||
			die "cannot read the files to patch under $root"
		printf 'base\n' > "$tmp/series/base.msg"
		base=$(series_commit "" "$tmp/series/base.msg")
	fi

	# one commit per patch, in order: the core first, then the drivers
	head=$base
	: > "$tmp/series/cc"
	apply() {	# apply DIFF FILE
		sgit apply --cached --check "$1" 2> "$tmp/series/apply.err" ||
			die "the fix of $2 does not apply to $(if [ "$series_git" = 1 ]; then echo HEAD; else echo "$2"; fi)" \
				"($(head -1 "$tmp/series/apply.err")); nothing written"
		sgit apply --cached "$1" || die "git apply of the fix of $2 failed; nothing written"
	}
	if [ -s "$tmp/core.diff" ]; then
		apply "$tmp/core.diff" drivers/iommu/iommu.c
		text "$tmp/series/core.txt" core --loop="$loop"
		: > "$tmp/series/core.fixes"
		if [ "$series_git" = 1 ] && [ "$state" = EXPOSED ]; then
			cf=$(awk -F '\t' '{ print $3 }' "$tmp/core")
			cl=$(awk -F '\t' '{ print $4 }' "$tmp/core")
			series_fixes "$cf" "$cl" > "$tmp/series/core.fixes"
		fi
		series_message "$tmp/series/core.msg" iommu "$tmp/series/core.txt" \
			"$tmp/core.diff" "$tmp/series/core.fixes"
		head=$(series_commit "$head" "$tmp/series/core.msg")
	fi
	n=0
	while IFS= read -r f; do
		n=$((n + 1))
		d=$tmp/series/$(printf '%04d' "$n").diff
		apply "$d" "$f"
		text "$d.txt" driver --file="$f"
		: > "$d.fixes"
		if [ "$series_git" = 1 ]; then
			# shellcheck disable=SC2046
			series_fixes "$f" $(awk -F '\t' -v f="$f" '$1 == "X" && $2 == f { print $3 }' \
				"$tmp/records") > "$d.fixes"
		fi
		series_message "$d.msg" "$(series_prefix "$f")" "$d.txt" "$d" "$d.fixes"
		head=$(series_commit "$head" "$d.msg")
	done < "$tmp/series/files"

	# git format-patch, the cover letter's subject and blurb filled in
	mkdir "$tmp/series/out"
	set -- --cover-letter --cover-from-description=default --suffix=.patch \
		--src-prefix=a/ --dst-prefix=b/ --no-relative --no-signoff -o "$tmp/series/out"
	[ "$series_git" = 1 ] && set -- "$@" --base="$base"
	sgit -c diff.noprefix=false -c diff.mnemonicPrefix=false format-patch "$@" \
		"$base..$head" > /dev/null || die "git format-patch failed"
	# shellcheck disable=SC2046
	text "$tmp/series/cover.txt" cover --loop="$loop" \
		$(sed 's/^/--file=/' "$tmp/series/files")
	cover=$tmp/series/out/0000-cover-letter.patch
	[ -f "$cover" ] || die "git format-patch wrote no cover letter"
	awk -v t="$tmp/series/cover.txt" -v cc="$tmp/series/cc" '
		BEGIN {
			getline subj < t; getline blank < t
			while ((getline l < t) > 0) blurb = blurb l "\n"
			while ((getline l < cc) > 0) if (!seen[l]++) ccs = ccs l "\n"
		}
		/^Subject: / && ccs != "" { printf "%s", ccs }
		/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, "iommu: " subj) }
		/^\*\*\* BLURB HERE \*\*\*$/ { printf "%s", blurb; next }
		{ print }' "$cover" > "$cover.new" && mv "$cover.new" "$cover" ||
		die "cannot write the cover letter"

	# into DIR, only now
	mkdir -p "$series_dir" || die "cannot create $series_dir"
	stage=$(mktemp -d "$series_dir/.gatherlint.XXXXXX") || die "cannot write into $series_dir"
	cp "$tmp/series/out"/*.patch "$stage/" || { rm -rf "$stage"; die "cannot write into $series_dir"; }
	for p in "$stage"/*.patch; do
		mv -f "$p" "$series_dir/" || { rm -rf "$stage"; die "cannot write into $series_dir"; }
		printf '%s\n' "$series_show/${p##*/}"
	done
	rmdir "$stage"
}

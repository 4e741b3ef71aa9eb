#!/bin/sh
# tests/matrix/step.sh - one step of a trixie or sid row of the CI matrix,
# run by .ci/matrix inside the row's chroot (as root, with the apt archive
# cache mounted and MATRIX_MIRROR set to the host's Debian mirror).
#
#   step.sh clone        git (if missing), a fresh clone of /srv/gatherlint.git
#                        in /srv/gatherlint (a path every user can read: tests
#                        drop to nobody), build/ kept in /srv/matrix-build
#   step.sh packages     linux-source-6.1 (from bookworm with a private apt
#                        state if the suite has none), then lib/deps.sh check
#   step.sh shellcheck   t00 and shellcheck of every tracked shell script
#   step.sh corpus       the tests that need no kernel tree, plugin built
#                        with the suite's default gcc
#   step.sh gcc N        gcc-N, g++-N, gcc-N-plugin-dev; gcc/g++ -> version N;
#                        a clean plugin build with no warning; t25 and t20
#   step.sh kernel       t60 (the linux-source-6.1 tree)
#   step.sh kernel72     tests/kernel/gcc-7.2.sh (the gcc engine on sid's
#                        linux-source-7.2, x86_64 allmodconfig, built through kbuild)
#
# A line "matrix-note: TEXT" is shown by .ci/matrix beside the step's name.
set -u
src=/srv/gatherlint
keep=/srv/matrix-build
here=$(cd "$(dirname "$0")" && pwd -P)
# the suite the chroot was bootstrapped from (sid calls itself forky in os-release)
suite=$(awk '$1 == "deb" { print $3; exit }' /etc/apt/sources.list 2>/dev/null)
[ -n "$suite" ] || suite=$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release)

note() { printf 'matrix-note: %s\n' "$*"; }
fail() { printf 'gatherlint-matrix: %s\n' "$*" >&2; exit 1; }

# candidate PACKAGE: the suite's version of it, empty when it has none
candidate() {
	# (apt takes a name with a dot for a pattern too: linux-source-6.1
	# would match linux-source-6.12; only the stanza of that exact name)
	LC_ALL=C apt-cache policy "$1" 2>/dev/null | awk -v p="$1:" '
		/^[^ ]/ { mine = ($0 == p) }
		mine && $1 == "Candidate:" && $2 != "(none)" { print $2 }'
}

# in_archive PACKAGE: the suite's archive has PACKAGE (an installed local
# .deb does not count)
in_archive() {
	apt-cache madison "$1" 2>/dev/null | awk -F '|' -v p="$1" '
		{ gsub(/[ \t]/, "", $1) } $1 == p { found = 1 } END { exit !found }'
}

apt_install() {
	apt-get install -y --no-install-recommends "$@" && return 0
	apt-get update && apt-get install -y --no-install-recommends "$@"
}

# run_tests NAME tNN...: the given tests as tests/run.sh runs them, with one
# tally; ends with "N passed, N failed"; fails on a failure or no test.
run_tests() {
	out=/srv/matrix-out/$1
	shift
	{ rm -rf "$out" && mkdir -p "$out"; } || fail "cannot create $out"
	GATHERLINT_TEST_OUT=$out
	TALLY=$out/tally
	export GATHERLINT_TEST_OUT TALLY
	: > "$TALLY"
	runlog=$out.log
	: > "$runlog"
	shown=0
	for t in "$@"; do
		case $t in
		*/*) f=$src/tests/$t.sh; [ -f "$f" ] || f= ;;
		*) f=$(find "$src/tests" -maxdepth 1 -name "$t-*.sh" | head -1) ;;
		esac
		if [ -z "$f" ]; then
			printf 'not ok - %s: no such test\n' "$t" | tee -a "$runlog"
			echo fail >> "$TALLY"
			shown=$(wc -l < "$runlog")
			continue
		fi
		printf '# %s\n' "$(basename "$f")" >> "$runlog"
		t0=$(date +%s)
		if ! sh "$f" >> "$runlog" 2>&1; then
			printf 'not ok - %s exited non-zero\n' "$(basename "$f")" >> "$runlog"
			echo fail >> "$TALLY"
		fi
		printf '# %s took %ss\n' "$(basename "$f")" "$(($(date +%s) - t0))" >> "$runlog"
		# the log grows test by test
		sed -n "$((shown + 1)),\$p" "$runlog"
		shown=$(wc -l < "$runlog")
	done
	passed=$(grep -c '^pass$' "$TALLY")
	failed=$(grep -c '^fail$' "$TALLY")
	printf '%s passed, %s failed\n' "$passed" "$failed"
	tally="$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

# the first not-ok lines, so the failure shows at the end of the log
first_failures() {
	grep '^not ok' "$1" 2>/dev/null | head -n "${2:-8}" | sed 's/^/first failure: /'
}

step=${1-}
[ $# -gt 0 ] && shift
case $step in
clone)
	# the lists of a cached chroot are refreshed once a day and when its
	# sources change
	st=/var/lib/apt/lists/.gatherlint-matrix-updated
	if [ ! -f "$st" ] || [ -n "$(find /etc/apt/sources.list -newer "$st")" ] || [ -n "$(find "$st" -mtime +0)" ]; then
		apt-get update || fail "apt-get update failed in the $suite chroot"
		apt-get -y dist-upgrade || fail "apt-get dist-upgrade failed in the $suite chroot"
		touch "$st"
	fi
	command -v git >/dev/null || apt_install git ca-certificates ||
		fail "cannot install git in the $suite chroot"
	rm -rf "$src"
	git clone -q /srv/gatherlint.git "$src" || fail "git clone failed"
	{ mkdir -p "$keep" && ln -s "$keep" "$src/build"; } || fail "cannot link $src/build"
	note "$(git -C "$src" log -1 --format=%h)"
	;;
packages)
	if ! in_archive linux-source-6.1; then
		# not in this suite: bookworm's (with its security updates, as a
		# Debian 12 machine has it), through a private apt state, so the
		# chroot's own sources stay as they are
		p=/root/matrix-bookworm-apt
		kr=$here/host-keyring.gpg
		[ -s "$kr" ] || kr=/usr/share/keyrings/debian-archive-keyring.gpg
		{ rm -rf "$p/sources.list.d" && mkdir -p "$p/lists/partial" "$p/cache" "$p/sources.list.d"; } ||
			fail "cannot create $p"
		{
			printf 'deb [signed-by=%s] %s bookworm main\n' "$kr" "$MATRIX_MIRROR"
			printf 'deb [signed-by=%s] %s bookworm-updates main\n' "$kr" "$MATRIX_MIRROR"
			if [ -n "${MATRIX_SECURITY-}" ]; then
				printf 'deb [signed-by=%s] %s bookworm-security main\n' "$kr" "$MATRIX_SECURITY"
			fi
		} > "$p/sources.list"
		set -- -o Dir::Etc::sourcelist="$p/sources.list" -o Dir::Etc::sourceparts="$p/sources.list.d" \
			-o Dir::State::Lists="$p/lists" -o Dir::Cache="$p/cache"
		apt-get "$@" update || fail "apt-get update of bookworm (private state) failed"
		want=$(LC_ALL=C apt-cache "$@" policy linux-source-6.1 | awk -v p=linux-source-6.1: '
			/^[^ ]/ { mine = ($0 == p) }
			mine && $1 == "Candidate:" && $2 != "(none)" { print $2 }')
		[ -n "$want" ] || fail "bookworm has no linux-source-6.1 either"
		have=$(dpkg-query -W -f '${Version}' linux-source-6.1 2>/dev/null)
		if [ "$have" != "$want" ]; then
			printf '%s has no linux-source-6.1: installing bookworm'"'"'s %s\n' "$suite" "$want"
			rm -f /var/cache/apt/archives/linux-source-6.1_*.deb
			(cd /var/cache/apt/archives && apt-get "$@" download "linux-source-6.1=$want") ||
				fail "cannot download bookworm's linux-source-6.1 $want"
			deb=$(find /var/cache/apt/archives -maxdepth 1 -name 'linux-source-6.1_*.deb' | head -1)
			apt_install "$deb" || fail "cannot install $deb"
			# tests/kernel/tree.sh extracts once: a new tarball, a new tree
			rm -rf "$keep/linux-source-6.1" "$keep/.linux-source-6.1.extracted"
		fi
	fi
	cd "$src" || fail "no clone in $src"
	lib/deps.sh check || fail "lib/deps.sh check failed in $suite"
	# one run must be enough: a second one finds nothing left to install
	lib/deps.sh check > /root/deps-again.log 2>&1
	rc=$?
	cat /root/deps-again.log
	if [ "$rc" -ne 0 ] || grep -q 'installing' /root/deps-again.log; then
		fail "a second lib/deps.sh check in $suite still had work to do (exit $rc): $(grep gatherlint: /root/deps-again.log | head -1)"
	fi
	sv=$(spatch --version 2>/dev/null | sed -n '1s/^spatch version \([^ ]*\).*/\1/p')
	ov=$(ocamlfind ocamlopt -version 2>/dev/null || ocamlopt -version 2>/dev/null || echo none)
	gv=$(gcc -dumpfullversion 2>/dev/null)
	scv=$(shellcheck --version 2>/dev/null | sed -n 's/^version: //p')
	note "spatch ${sv:-?}, ocamlopt $ov, gcc $gv, shellcheck ${scv:-?}"
	;;
shellcheck)
	cd "$src" || fail "no clone in $src"
	scv=$(shellcheck --version 2>/dev/null | sed -n 's/^version: //p')
	run_tests shellcheck t00
	rc=$?
	# every tracked shell script, wherever it is (t00 lists directories)
	n=0
	for f in $(git ls-files); do
		[ -f "$f" ] || continue
		case $f in
		*.sh) ;;
		*) head -n 1 "$f" | grep -qE '^#! ?(/usr)?/bin/(env )?(ba|da)?sh' || continue ;;
		esac
		n=$((n + 1))
		if ! shellcheck -x -s sh "$f"; then
			printf 'not ok - shellcheck %s %s\n' "$scv" "$f"
			rc=1
		fi
	done
	printf '%s tracked shell scripts checked\n' "$n"
	first_failures "$runlog"
	note "shellcheck $scv, $n scripts; t00: $tally"
	exit "$rc"
	;;
corpus)
	cd "$src" || fail "no clone in $src"
	# a plugin that does not build fails the step, the other engines'
	# tests still run
	built=
	if ! { make -C gcc-plugin clean >/dev/null && make all; }; then
		printf 'not ok - the plugin builds with gcc %s\n' "$(gcc -dumpfullversion)"
		built=", the plugin does not build"
	fi
	# the corpus of every engine where the tool differs by suite: the
	# corpus itself (t05), the C core (t11), the cocci and sparse engines
	# on the corpus (t20: spatch and OCaml, libsparse from the suite's
	# sparse; the gcc engine runs in the gcc steps, once per compiler),
	# the self-check and scopes (t35) and the fixes (t40).  The bookworm
	# row's make check runs every test.
	list="t05 t11 t20 t35 t40"
	GATHERLINT_ENGINES="cocci sparse"
	export GATHERLINT_ENGINES
	# shellcheck disable=SC2086
	run_tests corpus $list
	rc=$?
	[ -z "$built" ] || rc=1
	first_failures "$runlog"
	note "${list# }, gcc $(gcc -dumpfullversion)$built: $tally"
	exit "$rc"
	;;
gcc)
	v=${1-}
	case $v in '' | *[!0-9]*) fail "usage: step.sh gcc VERSION" ;; esac
	missing=
	for p in "gcc-$v" "g++-$v" "gcc-$v-plugin-dev"; do
		[ -n "$(candidate "$p")" ] || missing="$missing $p"
	done
	[ -z "$missing" ] || fail "not packaged in $suite:$missing"
	apt_install "gcc-$v" "g++-$v" "gcc-$v-plugin-dev" || fail "cannot install gcc-$v"
	shim=/root/matrix-gcc-$v
	{ rm -rf "$shim" && mkdir -p "$shim"; } || fail "cannot create $shim"
	{ ln -s "/usr/bin/gcc-$v" "$shim/gcc" &&
		ln -s "/usr/bin/gcc-$v" "$shim/cc" &&
		ln -s "/usr/bin/cpp-$v" "$shim/cpp" &&
		ln -s "/usr/bin/g++-$v" "$shim/g++" &&
		ln -s "/usr/bin/g++-$v" "$shim/c++"; } || fail "cannot link gcc-$v in $shim"
	PATH=$shim:$PATH
	export PATH
	gv=$(gcc -dumpfullversion)
	[ "${gv%%.*}" = "$v" ] || fail "gcc on PATH is $gv, not $v"
	[ "$(g++ -dumpfullversion)" = "$gv" ] || fail "g++ on PATH is not $gv"
	cd "$src" || fail "no clone in $src"
	make -C gcc-plugin clean >/dev/null
	make -C gcc-plugin all > /root/plugin-build.log 2>&1
	rc=$?
	cat /root/plugin-build.log
	[ "$rc" -eq 0 ] || fail "the plugin does not build with gcc $gv"
	if grep -qiE 'warning:|error:' /root/plugin-build.log; then
		grep -iE 'warning:|error:' /root/plugin-build.log | head -5
		fail "the plugin build with gcc $gv is not warning-free"
	fi
	printf 'ok - the plugin builds with gcc %s, no warning\n' "$gv"
	GATHERLINT_ENGINES=gcc
	export GATHERLINT_ENGINES
	run_tests "gcc-$v" t25 t20
	rc=$?
	# (.ci/matrix compares this run's corpus output with gcc-12's, from the
	# bookworm row, once every row has ended)
	first_failures "$runlog"
	note "gcc $gv, plugin warning-free, t25 t20: $tally"
	exit "$rc"
	;;
kernel)
	cd "$src" || fail "no clone in $src"
	run_tests kernel t60
	rc=$?
	first_failures "$runlog"
	note "t60: $tally"
	exit "$rc"
	;;
kernel72)
	cd "$src" || fail "no clone in $src"
	run_tests kernel72 kernel/gcc-7.2
	rc=$?
	first_failures "$runlog"
	note "gcc $(gcc -dumpfullversion), 7.2 x86_64 allmodconfig: $tally"
	exit "$rc"
	;;
*)
	fail "usage: step.sh clone|packages|shellcheck|corpus|gcc N|kernel|kernel72"
	;;
esac

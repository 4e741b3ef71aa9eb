#!/bin/sh
# tests/kernel/tree-7.2.sh - print the path of Debian sid's linux-source-7.2
# tree, fetched once with a private apt state and extracted under build/
# (git-ignored), then reused.
#
# The system's apt configuration is only read (the mirror of its first
# non-security `URIs:` line in /etc/apt/sources.list.d/*.sources, or of its
# first `deb` line in /etc/apt/sources.list), never written: the sid
# sources list, the package lists and the download cache live under
# build/apt-sid/.  When sid no longer carries linux-source-7.2, the newest
# linux-source-X.Y it carries is taken instead (said on stderr); it is
# still extracted to build/linux-source-7.2 so that callers find it there,
# and build/.linux-source-7.2.version names what was taken.
#
# Exit 2 with one line on stderr when the tree cannot be had (no network,
# no mirror, no package).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd -P)
want=linux-source-7.2
dir=$top/build/linux-source-7.2
stamp=$top/build/.linux-source-7.2.extracted
dirty=$top/build/.linux-source-7.2.dirty
apt=$top/build/apt-sid

die() { printf 'gatherlint: %s\n' "$*" >&2; exit 2; }

if [ -f "$stamp" ] && [ -d "$dir" ] && [ ! -e "$dirty" ]; then
	printf '%s\n' "$dir"
	exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "apt-get is missing: cannot fetch $want"
command -v dpkg-deb >/dev/null 2>&1 || die "dpkg-deb is missing: cannot unpack $want"

# The mirror: read from the system's apt configuration at run time.
mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
	awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }')
if [ -z "$mirror" ] && [ -r /etc/apt/sources.list ]; then
	mirror=$(awk '$1 == "deb" {
			for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($i !~ /security/) { print $i; exit } break }
		}' /etc/apt/sources.list)
fi
[ -n "$mirror" ] || die "no Debian mirror in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"

mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/deb"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if [ -r "$keyring" ]; then
	printf 'deb [signed-by=%s] %s sid main\n' "$keyring" "$mirror" > "$apt/sources.list"
else
	printf 'deb %s sid main\n' "$mirror" > "$apt/sources.list"
fi

aptq() {	# apt-get/apt-cache with the private state only
	tool=$1
	shift
	"$tool" -o Dir::Etc::sourcelist="$apt/sources.list" \
		-o Dir::Etc::sourceparts=- \
		-o Dir::State::Lists="$apt/lists" \
		-o Dir::Cache="$apt/cache" \
		-o Acquire::Check-Valid-Until=false \
		-o APT::Sandbox::User=root \
		"$@"
}

printf 'gatherlint: apt-get update (sid, private state under %s)\n' "$apt" >&2
aptq apt-get -q update >&2 || die "apt-get update of sid failed (mirror $mirror)"

pkg=$want
if ! aptq apt-cache show "$pkg" >/dev/null 2>&1; then
	pkg=$(aptq apt-cache search --names-only '^linux-source-[0-9]+\.[0-9]+$' |
		awk '{ print $1 }' | sort -V | tail -1)
	[ -n "$pkg" ] || die "sid carries no linux-source package"
	printf 'gatherlint: sid has no %s; taking %s instead\n' "$want" "$pkg" >&2
fi
ver=$(aptq apt-cache show "$pkg" | awk '/^Version:/ { print $2; exit }')

rm -f "$apt"/deb/*.deb
(cd "$apt/deb" && aptq apt-get -q download "$pkg" >&2) || die "apt-get download $pkg failed"
deb=$(find "$apt/deb" -maxdepth 1 -name "${pkg}_*.deb" | head -1)
[ -n "$deb" ] || die "apt-get download $pkg left no .deb"

rm -rf "$apt/pkg"
dpkg-deb -x "$deb" "$apt/pkg" || die "dpkg-deb -x $deb failed"
tarball=$(find "$apt/pkg/usr/src" -maxdepth 1 -name "${pkg}.tar.*" | head -1)
[ -n "$tarball" ] || die "$deb holds no /usr/src/${pkg}.tar.*"

rm -rf "$dir" "$top/build/$pkg" "$dirty" "$stamp"
printf 'extracting %s (%s %s)\n' "$(basename "$tarball")" "$pkg" "$ver" >&2
tar -C "$top/build" -xf "$tarball"
[ "$pkg" = "$want" ] || mv "$top/build/$pkg" "$dir"
[ -d "$dir" ] || die "$tarball did not hold $pkg/"
rm -rf "$apt/pkg"
printf '%s %s\n' "$pkg" "$ver" > "$top/build/.linux-source-7.2.version"
touch "$stamp"
printf '%s\n' "$dir"

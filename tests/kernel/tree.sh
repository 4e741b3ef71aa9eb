#!/bin/sh
# tests/kernel/tree.sh - print the path of Debian's linux-source-6.1 tree,
# extracted once under build/ (git-ignored) and reused.  Installs the
# package through lib/deps.sh when it is missing.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd -P)
dir=$top/build/linux-source-6.1
stamp=$top/build/.linux-source-6.1.extracted
if [ -f "$stamp" ] && [ -d "$dir" ] && [ ! -e "$top/build/.linux-source-6.1.dirty" ]; then
	printf '%s\n' "$dir"
	exit 0
fi
tarball=$(find /usr/src -maxdepth 1 -name "linux-source-6.1.tar.*" | head -1)
if [ -z "$tarball" ]; then
	"$top/lib/deps.sh" check >&2
	tarball=$(find /usr/src -maxdepth 1 -name "linux-source-6.1.tar.*" | head -1)
fi
[ -n "$tarball" ] || { echo "gatherlint: linux-source-6.1 is not installed" >&2; exit 2; }
rm -rf "$dir" "$top/build/.linux-source-6.1.dirty"
mkdir -p "$top/build"
printf 'extracting %s\n' "$tarball" >&2
tar -C "$top/build" -xf "$tarball"
touch "$stamp"
printf '%s\n' "$dir"

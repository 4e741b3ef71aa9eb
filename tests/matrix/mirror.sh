#!/bin/sh
# tests/matrix/mirror.sh - print the Debian mirror this machine's apt uses
# (the first `URIs:` of a deb822 stanza in /etc/apt/sources.list.d/*.sources
# whose suites are not security ones, else the first such `deb` line of
# /etc/apt/sources.list or sources.list.d/*.list), without a trailing slash.
# The matrix bootstraps its chroots from it; no host name is written here.
#
#   tests/matrix/mirror.sh [APT_ETC]     (default /etc/apt)
set -u
etc=${1:-/etc/apt}
found=
for f in "$etc"/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	found=$(awk '
		function flush() {
			if (uri != "" && deb && suites !~ /-security/ && !done) { print uri; done = 1 }
			uri = ""; suites = ""; deb = 0; off = 0
		}
		/^[ \t]*$/ { flush(); next }
		/^[ \t]*#/ { next }
		tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
		tolower($1) == "uris:" { uri = $2 }
		tolower($1) == "suites:" { suites = $0 }
		tolower($1) == "enabled:" && tolower($2) == "no" { uri = "" }
		END { flush() }' "$f")
	[ -n "$found" ] && break
done
if [ -z "$found" ]; then
	for f in "$etc/sources.list" "$etc"/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		found=$(awk '
			$1 == "deb" {
				i = 2
				if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
				if ($(i + 1) !~ /-security/) { print $i; exit }
			}' "$f")
		[ -n "$found" ] && break
	done
fi
case $found in
http://* | https://* | file:/*) printf '%s\n' "${found%/}" ;;
*)
	printf 'gatherlint-matrix: no Debian mirror in %s (sources.list.d/*.sources URIs: or sources.list deb lines)\n' "$etc" >&2
	exit 2
	;;
esac

#!/bin/sh
# tests/matrix/mirror.sh - print the Debian mirror this machine's apt uses,
# without a trailing slash: the first `URIs:` of a deb822 stanza in
# /etc/apt/sources.list.d/*.sources whose suites are not security ones,
# else the first such `deb` line of /etc/apt/sources.list or
# sources.list.d/*.list.  With --security, the mirror of the security
# suites instead (nothing printed, exit 1, when apt has none).  The matrix
# bootstraps its chroots from them; no host name is written here.
#
#   tests/matrix/mirror.sh [--security] [APT_ETC]     (default /etc/apt)
set -u
want=main
if [ "${1-}" = --security ]; then
	want=security
	shift
fi
etc=${1:-/etc/apt}
found=
for f in "$etc"/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	found=$(awk -v want="$want" '
		function flush() {
			sec = (suites ~ /-security/)
			if (uri != "" && deb && !done && ((want == "security") == sec)) { print uri; done = 1 }
			uri = ""; suites = ""; deb = 0
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
		found=$(awk -v want="$want" '
			$1 == "deb" {
				i = 2
				if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
				if ((want == "security") == ($(i + 1) ~ /-security/)) { print $i; exit }
			}' "$f")
		[ -n "$found" ] && break
	done
fi
case $found in
http://* | https://* | file:/*) printf '%s\n' "${found%/}" ;;
*)
	[ "$want" = security ] && exit 1
	printf 'gatherlint-matrix: no Debian mirror in %s (sources.list.d/*.sources URIs: or sources.list deb lines)\n' "$etc" >&2
	exit 2
	;;
esac

#!/bin/sh
# gen-api.sh - render lib/gather-api.txt for an engine.
#
#   gen-api.sh c             C header for the GCC plugin (stdout)
#   gen-api.sh sh            sh variables for the CLI (stdout; committed as
#                            lib/gather-api.sh)
#   gen-api.sh cocci FILE    rewrite the region between the lines
#                            "(* gatherlint-api-begin *)" and
#                            "(* gatherlint-api-end *)" of FILE in place
#                            (OCaml comments: the region sits in an
#                            @initialize:ocaml@ rule)
#
# lib/gather-api.txt is the one place the fill/flush/queued functions
# are listed; every engine gets them from here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
api=$here/gather-api.txt

die() { printf 'gen-api.sh: %s\n' "$*" >&2; exit 2; }

[ -r "$api" ] || die "cannot read $api"

case ${1-} in
c)
	awk -F '\t' '
	BEGIN {
		print "/* Generated from lib/gather-api.txt by lib/gen-api.sh; do not edit. */"
		print "#ifndef GATHERLINT_GATHER_API_H"
		print "#define GATHERLINT_GATHER_API_H"
		print ""
		print "struct gatherlint_api_entry {"
		print "\tconst char *kind;"
		print "\tconst char *name;"
		print "\tint gather_arg;\t/* -1: none */"
		print "};"
		print ""
		print "static const struct gatherlint_api_entry gatherlint_api[] = {"
	}
	/^#/ || NF < 3 { next }
	{
		arg = ($3 == "-") ? -1 : $3 + 0
		printf "\t{ \"%s\", \"%s\", %d },\n", $1, $2, arg
	}
	END {
		print "\t{ NULL, NULL, -1 }"
		print "};"
		print ""
		print "#endif /* GATHERLINT_GATHER_API_H */"
	}' "$api"
	;;
cocci)
	[ $# -eq 2 ] || die "usage: gen-api.sh cocci FILE"
	file=$2
	[ -r "$file" ] || die "cannot read $file"
	tmp=$(mktemp "$file.XXXXXX") || die "cannot create a temporary file"
	trap 'rm -f "$tmp"' EXIT INT TERM HUP
	awk -F '\t' -v api="$api" '
	function render(   line, n, f, kinds, k, i) {
		n = split("fill flush flushcb queued tlbadd tlbaddcb fmtalloc", kinds, " ")
		for (i = 1; i <= n; i++)
			list[kinds[i]] = ""
		while ((getline line < api) > 0) {
			if (line ~ /^#/ || line == "")
				continue
			split(line, f, "\t")
			arg = (f[3] == "-") ? "-1" : f[3]
			k = f[1]
			list[k] = list[k] (list[k] == "" ? "" : "; ") \
				"(\"" f[2] "\", " arg ")"
		}
		close(api)
		print "(* Generated from lib/gather-api.txt by lib/gen-api.sh; do not edit. *)"
		for (i = 1; i <= n; i++)
			print "let api_" kinds[i] " = [" list[kinds[i]] "]"
	}
	/gatherlint-api-begin/ { print; render(); skip = 1; next }
	/gatherlint-api-end/ { skip = 0 }
	!skip { print }
	' "$file" > "$tmp"
	mv "$tmp" "$file"
	trap - EXIT INT TERM HUP
	;;
sh)
	awk -F '\t' '
	BEGIN {
		print "# Generated from lib/gather-api.txt by lib/gen-api.sh; do not edit."
		print "# shellcheck shell=sh disable=SC2034"
	}
	$1 == "keyword" { kw = kw (kw == "" ? "" : "|") $2 }
	END {
		print "# candidate files mention one of these (grep -E)"
		print "gatherlint_keywords='\''" kw "'\''"
	}' "$api"
	;;
*)
	die "usage: gen-api.sh c | sh | cocci FILE"
	;;
esac

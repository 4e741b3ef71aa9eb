#!/bin/sh
# gen-api.sh - render lib/gather-api.txt (the vocabulary) and the rule and
# message table of lib/core/rules.c for an engine.
#
#   gen-api.sh c             C header (stdout; built as gather_api.h by the
#                            core, the sparse checker and the GCC plugin)
#   gen-api.sh sh            sh variables for the CLI and its awk passes
#                            (stdout; committed as lib/gather-api.sh)
#   gen-api.sh cocci FILE    rewrite the region between the lines
#                            "(* gatherlint-api-begin *)" and
#                            "(* gatherlint-api-end *)" of FILE in place
#                            (OCaml: the region sits in an
#                            @initialize:ocaml@ rule): the vocabulary, the
#                            rule table and the messages coccicheck prints
#
# lib/gather-api.txt is the one place of the vocabulary (its header says
# each kind); lib/core/rules.c the one place of the rules (id, checkpatch
# TYPE, default severity) and of every message text: this script reads
# its two tables, whose layout it checks (one entry per line, see there).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
api=$here/gather-api.txt
rules=$here/core/rules.c

die() { printf 'gen-api.sh: %s\n' "$*" >&2; exit 2; }

[ -r "$api" ] || die "cannot read $api"

# the kinds of gather-api.txt (a row of another kind is an error)
callkinds="fill flush flushcb queued tlbadd tlbaddcb fmtalloc"
vocabkinds="opstype entry sync param fmtinit fmtunmap flushops keyword regionword"
# the messages of rules.c that the semantic patch prints alone (coccicheck)
coccimsgs="GL_MSG_UNFILLED GL_MSG_ERRNO GL_MSG_STATE_NO_SYNC GL_MSG_STATE_UNKNOWN"

awk -F '\t' -v kinds="$callkinds $vocabkinds" '
	BEGIN { n = split(kinds, k, " "); for (i = 1; i <= n; i++) ok[k[i]] = 1 }
	/^#/ || /^$/ { next }
	NF != 3 || !($1 in ok) { printf "gen-api.sh: %s:%d: bad row\n", FILENAME, FNR > "/dev/stderr"; bad = 1 }
	END { exit bad ? 2 : 0 }' "$api" || exit 2

# rules_table: the rules and messages of rules.c, one per line:
#   rule<TAB>ID<TAB>TYPE<TAB>SEVERITY   and   msg<TAB>GL_MSG_NAME<TAB>"TEXT"
rules_table() {
	[ -r "$rules" ] || die "cannot read $rules"
	awk -v msgs="$coccimsgs" '
	/^const struct gl_rule_info gl_rules/ { inr = 1; next }
	/^const char \*const gl_msgs/ { inm = 1; next }
	/^};/ { inr = 0; inm = 0; next }
	inr && /^\t\{ "/ {
		if (!match($0, /^\t\{ "[a-z-]+", "[A-Z_]+", "(error|warning|note)",/)) {
			printf "gen-api.sh: %s:%d: a rule not on one line as { \"id\", \"TYPE\", \"severity\",\n", FILENAME, FNR > "/dev/stderr"
			exit 2
		}
		s = substr($0, 3, RLENGTH - 3); gsub(/[",]/, "", s); split(s, f, " ")
		printf "rule\t%s\t%s\t%s\n", f[1], f[2], f[3]
		nr++
	}
	inm && /^\t\/\* GL_MSG_[A-Z_]+/ { match($0, /GL_MSG_[A-Z_]+/); name = substr($0, RSTART, RLENGTH); next }
	inm && name != "" {
		if ($0 !~ /^\t".*",$/) {
			printf "gen-api.sh: %s:%d: the text of %s is not one string on one line\n", FILENAME, FNR, name > "/dev/stderr"
			exit 2
		}
		t = $0; sub(/^\t/, "", t); sub(/,$/, "", t)
		printf "msg\t%s\t%s\n", name, t
		seen[name] = 1; name = ""
	}
	END {
		if (nr == 0) { print "gen-api.sh: no rule found in " FILENAME > "/dev/stderr"; exit 2 }
		n = split(msgs, m, " ")
		for (i = 1; i <= n; i++)
			if (!(m[i] in seen)) { print "gen-api.sh: no " m[i] " in " FILENAME > "/dev/stderr"; exit 2 }
	}' "$rules"
}

case ${1-} in
c)
	awk -F '\t' -v calls="$callkinds" '
	BEGIN {
		n = split(calls, k, " "); for (i = 1; i <= n; i++) call[k[i]] = 1
		print "/* Generated from lib/gather-api.txt by lib/gen-api.sh; do not edit. */"
		print "#ifndef GATHERLINT_GATHER_API_H"
		print "#define GATHERLINT_GATHER_API_H"
		print ""
		print "#include <string.h>"
		print ""
		print "/* The calls: fill, flush, flushcb, queued, tlbadd, tlbaddcb, fmtalloc. */"
		print "struct gatherlint_api_entry {"
		print "\tconst char *kind;"
		print "\tconst char *name;"
		print "\tint gather_arg;\t/* -1: none */"
		print "};"
		print ""
		print "/* Types, fields, keywords: the other kinds (argument: NULL for -). */"
		print "struct gatherlint_vocab_entry {"
		print "\tconst char *kind;"
		print "\tconst char *name;"
		print "\tconst char *arg;"
		print "};"
		print ""
	}
	/^#/ || NF < 3 { next }
	$1 in call {
		arg = ($3 == "-") ? -1 : $3 + 0
		calls_out = calls_out sprintf("\t{ \"%s\", \"%s\", %d },\n", $1, $2, arg)
		next
	}
	{
		arg = ($3 == "-") ? "NULL" : "\"" $3 "\""
		vocab_out = vocab_out sprintf("\t{ \"%s\", \"%s\", %s },\n", $1, $2, arg)
	}
	END {
		print "static const struct gatherlint_api_entry gatherlint_api[] = {"
		printf "%s", calls_out
		print "\t{ NULL, NULL, -1 }"
		print "};"
		print ""
		print "static const struct gatherlint_vocab_entry gatherlint_vocab[] = {"
		printf "%s", vocab_out
		print "\t{ NULL, NULL, NULL }"
		print "};"
		print ""
		print "/* The row KIND NAME [ARG] (arg NULL: any argument), or NULL. */"
		print "static inline const struct gatherlint_vocab_entry *"
		print "gatherlint_vocab_find(const char *kind, const char *name, const char *arg)"
		print "{"
		print "\tconst struct gatherlint_vocab_entry *e;"
		print ""
		print "\tfor (e = gatherlint_vocab; e->kind; e++)"
		print "\t\tif (!strcmp(e->kind, kind) && !strcmp(e->name, name) &&"
		print "\t\t    (!arg || (e->arg && !strcmp(e->arg, arg))))"
		print "\t\t\treturn e;"
		print "\treturn NULL;"
		print "}"
		print ""
		print "/* The ARG of the first row KIND NAME, or NULL. */"
		print "static inline const char *gatherlint_vocab_arg(const char *kind, const char *name)"
		print "{"
		print "\tconst struct gatherlint_vocab_entry *e = gatherlint_vocab_find(kind, name, NULL);"
		print ""
		print "\treturn e ? e->arg : NULL;"
		print "}"
		print ""
		print "/* The ops type of a stored function whose first parameter is a"
		print "   struct NAME pointer (param rows), or NULL. */"
		print "static inline const char *gatherlint_param_ops(const char *name)"
		print "{"
		print "\treturn gatherlint_vocab_arg(\"param\", name);"
		print "}"
		print ""
		print "/* An ops field gatherlint reads: entry, sync, fmtunmap, flushcb or tlbaddcb. */"
		print "static inline int gatherlint_field_read(const char *f)"
		print "{"
		print "\tconst struct gatherlint_api_entry *a;"
		print ""
		print "\tif (gatherlint_vocab_find(\"entry\", f, NULL) || gatherlint_vocab_find(\"fmtunmap\", f, NULL) ||"
		print "\t    (strcmp(f, \"*\") && gatherlint_vocab_find(\"sync\", f, NULL)))"
		print "\t\treturn 1;"
		print "\tfor (a = gatherlint_api; a->kind; a++)"
		print "\t\tif ((!strcmp(a->kind, \"flushcb\") || !strcmp(a->kind, \"tlbaddcb\")) &&"
		print "\t\t    !strcmp(a->name, f))"
		print "\t\t\treturn 1;"
		print "\treturn 0;"
		print "}"
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
	rules_table > "$tmp.rules" || { rm -f "$tmp.rules"; exit 2; }
	awk -F '\t' -v api="$api" -v rules="$tmp.rules" -v calls="$callkinds" \
		-v vocab="$vocabkinds" -v msgs="$coccimsgs" '
	function q(s) { return "\"" s "\"" }
	function render(   line, n, m, f, k, i, arg, r, list, sep) {
		n = split(calls, ck, " ")
		m = split(vocab, vk, " ")
		while ((getline line < api) > 0) {
			if (line ~ /^#/ || line == "")
				continue
			split(line, f, "\t")
			k = f[1]
			if (k == "keyword" || k == "regionword")
				continue
			if (k == "opstype" || k == "fmtinit" || k == "flushops")
				arg = q(f[2])
			else if (f[3] == "-")
				arg = "(" q(f[2]) ", -1)"
			else if (f[3] ~ /^[0-9]+$/)
				arg = "(" q(f[2]) ", " f[3] ")"
			else
				arg = "(" q(f[2]) ", " q(f[3]) ")"
			list[k] = list[k] (list[k] == "" ? "" : "; ") arg
		}
		close(api)
		print "(* Generated from lib/gather-api.txt and lib/core/rules.c by lib/gen-api.sh; do not edit. *)"
		for (i = 1; i <= n; i++)
			print "let api_" ck[i] " = [" list[ck[i]] "]"
		for (i = 1; i <= m; i++)
			if (vk[i] != "keyword" && vk[i] != "regionword")
				print "let api_" vk[i] " = [" list[vk[i]] "]"
		sep = ""; r = ""
		while ((getline line < rules) > 0) {
			split(line, f, "\t")
			if (f[1] == "rule") {
				id = f[2]; gsub(/-/, "_", id)
				r = r sep "rule_" id; sep = "; "
				rb = rb "let rule_" id " = (" q(f[2]) ", " q(f[3]) ", " q(f[4]) ")\n"
			} else if (index(" " msgs " ", " " f[2] " ")) {
				msg[f[2]] = f[3]
			}
		}
		close(rules)
		print "(* rules: (id, checkpatch TYPE, default severity) *)"
		printf "%s", rb
		print "let gl_rules = [" r "]"
		n = split(msgs, mk, " ")
		for (i = 1; i <= n; i++)
			print "let " tolower(mk[i]) " = " msg[mk[i]]
	}
	/gatherlint-api-begin/ { print; render(); skip = 1; next }
	/gatherlint-api-end/ { skip = 0 }
	!skip { print }
	' "$file" > "$tmp"
	rm -f "$tmp.rules"
	mv "$tmp" "$file"
	trap - EXIT INT TERM HUP
	;;
sh)
	awk -F '\t' '
	BEGIN {
		print "# Generated from lib/gather-api.txt by lib/gen-api.sh; do not edit."
		print "# shellcheck shell=sh disable=SC2034"
	}
	function add(v, s) { val[v] = val[v] (val[v] == "" ? "" : "|") s }
	$1 == "keyword" { add("keywords", $2) }
	$1 == "regionword" { add("regionwords", $2) }
	$1 == "entry" && !mf[$2]++ { add("macrofields", $2) }
	$1 == "sync" && $2 != "*" && !mf[$2]++ { add("macrofields", $2) }
	$1 == "sync" && $2 != "*" && !sf[$2]++ { add("syncfields", $2) }
	$1 == "param" { params = params (params == "" ? "" : " ") $2 "=" $3 }
	$1 == "fill" { fills = fills (fills == "" ? "" : " ") $2 }
	$1 != "param" && $2 != "*" && $2 != "-" && !sw[$2]++ { add("slicewords", $2) }
	($1 == "entry" || $1 == "sync" || $1 == "tlbaddcb" || $1 == "flushcb" || $1 == "fmtunmap") && $2 != "*" && !of[$2]++ { add("opsfields", $2) }
	$1 == "entry" && $3 == "iommu_domain_ops" { dunmaps = dunmaps (dunmaps == "" ? "" : " ") $2 }
	END {
		print "# candidate files mention one of these (grep -E)"
		print "gatherlint_keywords='\''" val["keywords"] "'\''"
		print "# an unparsable region that mentions one of these is reported (awk ERE)"
		print "gatherlint_regionwords='\''" val["regionwords"] "'\''"
		print "# the ops fields read inside #define bodies: entry points and sync (ERE)"
		print "gatherlint_macrofields='\''" val["macrofields"] "'\''"
		print "gatherlint_syncfields='\''" val["syncfields"] "'\''"
		print "# first-parameter struct = ops type, first match wins"
		print "gatherlint_params='\''" params "'\''"
		print "# for the core probe (space separated): the fills, the unmap fields of iommu_domain_ops"
		print "gatherlint_fills='\''" fills "'\''"
		print "gatherlint_domainunmaps='\''" dunmaps "'\''"
		print "# the slices of the cocci engine (lib/slice.awk): a function that mentions one of"
		print "# these is kept (ERE, substrings), and one named to one of these ops fields"
		print "gatherlint_slicewords='\''" val["slicewords"] "'\''"
		print "gatherlint_opsfields='\''" val["opsfields"] "'\''"
	}' "$api"
	;;
*)
	die "usage: gen-api.sh c | sh | cocci FILE"
	;;
esac

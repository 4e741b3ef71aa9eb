# macro-ops.awk - `ops` facts for ops initialisers written inside
# #define bodies (s390-style FOO_DOMAIN_OPS macros), which Coccinelle does
# not expand.  Engine-independent textual pre-pass; the resolver merges
# its facts with the engines' (one finding per entry point).
#
# Usage: awk -f macro-ops.awk FILE...   (paths as they should be printed)
#
# The struct type is not visible inside a macro: it is taken from the
# first parameter of the stored function's definition in the same file.
#
# The vocabulary comes from lib/gather-api.sh (rendered from
# lib/gather-api.txt): awk -v FIELDS="$gatherlint_macrofields" (the entry and
# sync fields), -v SYNC="$gatherlint_syncfields", -v PARAMS="$gatherlint_params"
# (first-parameter struct = ops type, first match wins).

BEGIN {
	OFS = "\t"
	if (FIELDS == "" || SYNC == "" || PARAMS == "") {
		print "macro-ops.awk: give -v FIELDS=... SYNC=... PARAMS=... (lib/gather-api.sh)" > "/dev/stderr"
		bad = 1
		exit 2
	}
	nparams = split(PARAMS, param, " ")
	fieldre = "\\.(" FIELDS ")[ \t]*=[ \t]*[A-Za-z_][A-Za-z0-9_]*"
	syncre = "^(" SYNC ")$"
}

FNR == 1 {
	flush_file()
	inmacro = 0
	nf = 0
}

{ L[FNR] = $0; nl = FNR }

/^[ \t]*#[ \t]*define[ \t]+[A-Za-z_][A-Za-z0-9_]*/ {
	m = $0
	sub(/^[ \t]*#[ \t]*define[ \t]+/, "", m)
	match(m, /^[A-Za-z_][A-Za-z0-9_]*/)
	macro = substr(m, 1, RLENGTH)
	inmacro = 1
}

inmacro {
	line = $0
	while (match(line, fieldre)) {
		s = substr(line, RSTART + 1, RLENGTH - 1)
		fld = s; sub(/[ \t]*=.*/, "", fld)
		fn = s; sub(/^[^=]*=[ \t]*/, "", fn)
		found[++nf] = FILENAME SUBSEP FNR SUBSEP macro SUBSEP fld SUBSEP fn
		line = substr(line, RSTART + RLENGTH)
	}
	if ($0 !~ /\\[ \t]*$/)
		inmacro = 0
}

# classify(fn): the ops type of the function fn of the file at hand, by the
# first parameter of its definition ("fn(" and that parameter within three
# lines: a file's lines are never joined into one string, whose growth
# line by line costs the square of its length)
function classify(fn,    t, i, j, kv) {
	for (j = 1; j <= nl; j++) {
		if (index(L[j], fn) == 0)
			continue
		t = L[j] "\n" L[j + 1] "\n" L[j + 2]
		for (i = 1; i <= nparams; i++) {
			split(param[i], kv, "=")
			if (match(t, fn "[ \t]*\\([ \t\n]*struct[ \t]+" kv[1] "[ \t]*\\*"))
				return kv[2]
		}
	}
	return ""
}

function flush_file(    i, p, type, seen) {
	for (i = 1; i <= nf; i++) {
		split(found[i], p, SUBSEP)
		if (!(p[1] SUBSEP p[3] in mtype)) {
			mtype[p[1], p[3]] = ""
		}
		if (p[4] !~ syncre) {
			type = classify(p[5])
			if (type != "")
				mtype[p[1], p[3]] = type
		}
	}
	for (i = 1; i <= nf; i++) {
		split(found[i], p, SUBSEP)
		type = mtype[p[1], p[3]]
		if (type == "")
			continue
		if (!((p[1], p[3]) in seen)) {
			seen[p[1], p[3]] = 1
			print "ops", p[1], p[2], "macro@" p[3], type, "-", "-"
		}
		print "ops", p[1], p[2], "macro@" p[3], type, p[4], p[5]
	}
	nf = 0
	delete L
	nl = 0
}

END { if (!bad) flush_file() }

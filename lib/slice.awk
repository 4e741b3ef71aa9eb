# slice.awk - what spatch needs to read of each file for the facts: the
# function definitions that cannot give a fact are blanked, so that spatch
# parses and matches less (docs/design.md "Slices").
#
#   awk -v MODE=names -f slice.awk FILE...           the gather functions
#   awk -v WORDS=ERE -v FIELDS=ERE -v GFILE=G -v OUT=DIR -f slice.awk FILE...
#
# names: every NAME of "NAME(..., struct iommu_iotlb_gather *...)" (a
# function declared or defined with a gather parameter) in the FILEs, one
# a line.  They are what a `nullcall` or `call:` fact of another function
# can name.
#
# Otherwise writes DIR/FILE for each FILE: the same number of lines, each
# kept line unchanged (every line and column stays where it is), the lines
# of a removed function made empty.  A function is a kernel-style
# definition: a header ending in ")" (the lines back to a blank line, a
# preprocessor line or the end of the previous declaration), a line "{"
# alone and, brace-balanced, a line "}" alone.  Anything else is kept.
#
# Kept: a function whose text (header and body) mentions one of WORDS (the
# vocabulary and the region words, as substrings: what spatch would report
# unparsable is only reported when it mentions a region word,
# lib/parse-check.awk) or a name of G (the names mode's list: a call of a
# gather function, with the gather or with NULL); a function named on the
# right of `.F =` or `->F =` for a field F of FIELDS (an ops object: its
# `fn` fact); and, to a fixpoint, every function of the file whose name a
# kept function mentions (its callees: the callee summaries).

BEGIN {
	if (GFILE != "")
		while ((getline g < GFILE) > 0)
			G[g] = 1
}

# gnames(s): adds to G the NAMEs of "NAME ( ... iotlb_gather * ... )" in s,
# the gather pointer type directly inside NAME's parentheses
function gnames(s,   i, c, d, start, nm, seg, n) {
	while (match(s, /[A-Za-z_][A-Za-z0-9_]*[ \t\n]*\(/)) {
		nm = substr(s, RSTART, RLENGTH)
		sub(/[ \t\n]*\($/, "", nm)
		start = RSTART + RLENGTH
		d = 1
		seg = ""
		n = length(s)
		for (i = start; i <= n && d > 0; i++) {
			c = substr(s, i, 1)
			if (c == "(")
				d++
			else if (c == ")")
				d--
			else if (d == 1)
				seg = seg c
		}
		if (seg ~ /iotlb_gather[ \t\n]*\*/)
			G[nm] = 1
		s = substr(s, start)
	}
}

MODE == "names" {
	frag = frag "\n" $0
	while (match(frag, /[;{}]/)) {
		s = substr(frag, 1, RSTART - 1)
		frag = substr(frag, RSTART + 1)
		if (index(s, "iotlb_gather"))
			gnames(s)
	}
	next
}

# mentions_g(s): s names a function of G (a word as grep -w reads one: a
# number is a word too, so "1foo" does not mention foo)
function mentions_g(s) {
	while (match(s, /[A-Za-z0-9_]+/)) {
		if (substr(s, RSTART, RLENGTH) in G)
			return 1
		s = substr(s, RSTART + RLENGTH)
	}
	return 0
}

function strip(s) {	# s without strings, character constants and comments
	gsub(/\\./, "", s)
	gsub(/"[^"]*"/, "\"\"", s)
	gsub(/'[^']*'/, "''", s)
	gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, " ", s)
	gsub(/\/\/[^\n]*/, "", s)
	return s
}

function flush_file(   i, j, u, s, e, t, name, h, depth, ok, nu, changed, w, txt, rest, m, id) {
	nu = 0
	for (i = 1; i <= n; i++) {
		if (L[i] != "{")
			continue
		# the header: back to a blank, preprocessor or declaration end
		h = i - 1
		while (h >= 1 && L[h] != "" && L[h] !~ /^#/ && L[h] !~ /[;}{][ \t]*$/ && L[h] !~ /\*\/[ \t]*$/)
			h--
		h++
		if (h >= i)
			continue
		t = ""
		for (j = h; j < i; j++)
			t = t L[j] "\n"
		if (strip(t) !~ /\)[ \t\n]*$/ || index(t, "(") == 0)
			continue
		# the body: to the first "}" alone, its braces balanced
		depth = 0
		ok = 0
		for (j = i; j <= n; j++) {
			s = strip(L[j])
			depth += gsub(/\{/, "{", s) - gsub(/\}/, "}", s)
			if (depth < 0)
				break
			if (L[j] == "}") {
				ok = (depth == 0)
				break
			}
		}
		if (!ok)
			continue
		nu++
		US[nu] = h
		UB[nu] = i
		UE[nu] = j
		name = strip(t)
		sub(/\(.*/, "", name)
		sub(/.*[^A-Za-z0-9_]/, "", name)
		UN[nu] = name
		txt = t
		for (m = i; m <= j; m++)
			txt = txt L[m] "\n"
		UT[nu] = txt
		KEEP[nu] = (txt ~ WORDS || mentions_g(txt))
		# (a name not read, as of a function returning a function pointer:
		# its callers could not be told, so it stays)
		if (name !~ /^[A-Za-z_][A-Za-z0-9_]*$/)
			KEEP[nu] = 1
		i = j
	}
	# the names an ops field is given, anywhere in the file (the name may
	# stand on the line after the "=")
	delete NAMED
	for (i = 1; i <= n; i++) {
		rest = L[i] "\n" L[i + 1]
		while (match(rest, "(\\.|->)[ \t]*(" FIELDS ")[ \t]*=[ \t\n]*&?[ \t\n]*[A-Za-z_][A-Za-z0-9_]*")) {
			w = substr(rest, RSTART, RLENGTH)
			rest = substr(rest, RSTART + RLENGTH)
			sub(/.*[^A-Za-z0-9_]/, "", w)
			NAMED[w] = 1
		}
	}
	for (u = 1; u <= nu; u++)
		if (UN[u] in NAMED)
			KEEP[u] = 1
	# callees and other mentions of a kept function, to a fixpoint
	delete SEEN
	do {
		changed = 0
		delete MENT
		for (u = 1; u <= nu; u++) {
			if (!KEEP[u] || SEEN[u])
				continue
			SEEN[u] = 1
			rest = UT[u]
			while (match(rest, /[A-Za-z0-9_]+/)) {
				MENT[substr(rest, RSTART, RLENGTH)] = 1
				rest = substr(rest, RSTART + RLENGTH)
			}
		}
		for (u = 1; u <= nu; u++)
			if (!KEEP[u] && (UN[u] in MENT)) {
				KEEP[u] = 1
				changed = 1
			}
	} while (changed)
	for (u = 1; u <= nu; u++)
		if (!KEEP[u])
			for (j = US[u]; j <= UE[u]; j++)
				L[j] = ""
	for (i = 1; i <= n; i++)
		print L[i] > (OUT "/" file)
	close(OUT "/" file)
	delete L
	delete US
	delete UB
	delete UE
	delete UN
	delete UT
	delete KEEP
	n = 0
}

FNR == 1 && NR > 1 { flush_file() }
FNR == 1 { file = FILENAME }
{ L[++n] = $0 }
END {
	if (MODE == "names")
		for (g in G)
			print g
	else if (NR > 0)
		flush_file()
}

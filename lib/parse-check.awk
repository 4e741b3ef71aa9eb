# parse-check.awk - turn the parse report of spatch (`--verbose-parsing`
# in the facts run, files named by `HANDLING:`; or `spatch --parse-c`,
# `PARSING:`) into `incomplete` facts.  Run in the audited root (it reads
# each named file).
# Only unparsable regions that touch the code gatherlint reads (the
# gather, unmap callbacks, io-pgtable and flush ops) are reported, at the
# first such line; the rest of a kernel file may hold macros spatch skips
# harmlessly.
#
# #define bodies are judged by their text, never by whether this spatch
# parses them (1.1 cannot parse a field-list body or a declaration without
# its `;`, 1.3 parses more; the semantic patch drops whatever it matches
# inside one): ops initialisers in them are read by the CLI's textual
# pre-pass (lib/macro-ops.awk), and a body that holds gather code (a
# macro-generated unmap function or helper) is reported here, on every
# version, because spatch does not expand it.
#
# spatch prints an unparsable region as `bad:` lines with the failing line
# marked `BAD:!!!!! `; a region starts on the line where the last good
# element ended, so its first line may belong to parsed code.  When the
# failing line sits in a #define body, the region is that #define (judged
# by its text, above); otherwise the keys are searched in the code of the
# region's lines (comments blanked, #define bodies skipped).
# KEYS (awk -v KEYS="$gatherlint_regionwords", lib/gather-api.sh): the words of
# gatherlint's code (regionword rows of lib/gather-api.txt).
BEGIN {
	OFS = "\t"
	if (KEYS == "") {
		print "parse-check.awk: no KEYS (awk -v KEYS=\"$gatherlint_regionwords\")" > "/dev/stderr"
		exit 2
	}
}

# Read FILE: report the first #define body that holds gather code.
function read_file(f,    l, n, cont, indefine, reported) {
	n = 0; cont = 0; indefine = 0; reported = 0
	while ((getline l < f) > 0) {
		n++
		if (!cont)
			indefine = (l ~ /^[ \t]*#[ \t]*define[ \t]/)
		if (indefine && !reported && l ~ /iotlb_gather/) {
			print "incomplete", f, n, "-", \
				"spatch does not expand macros: the gather code in this #define body was not checked"
			reported = 1
			done[f] = 1
		}
		cont = (l ~ /\\[ \t]*$/)
	}
	close(f)
}

# uncomment(s): s with comments blanked; `incomm` carries an open /* */
# across the lines of one region.
function uncomment(s,    out, i, c2) {
	out = ""
	while (s != "") {
		if (incomm) {
			i = index(s, "*/")
			if (!i)
				return out
			s = substr(s, i + 2)
			incomm = 0
			continue
		}
		i = index(s, "/*")
		c2 = index(s, "//")
		if (c2 && (!i || c2 < i))
			return out substr(s, 1, c2 - 1)
		if (!i)
			return out s
		out = out substr(s, 1, i - 1) " "
		s = substr(s, i + 2)
		incomm = 1
	}
	return out
}

function region_key(   b, i, cont, indefine, code) {
	if (nl == 0)
		return ""
	b = bad ? bad : nl
	# the failing line in a #define body: the region is that #define
	for (i = b; i >= 1; i--) {
		if (i < b && lines[i] !~ /\\[ \t]*$/)
			break
		if (lines[i] ~ /^[ \t]*#[ \t]*define[ \t]/)
			return ""
	}
	incomm = 0; cont = 0; indefine = 0
	for (i = 1; i <= nl; i++) {
		if (!cont)
			indefine = (lines[i] ~ /^[ \t]*#[ \t]*define[ \t]/)
		cont = (lines[i] ~ /\\[ \t]*$/)
		code = uncomment(lines[i])
		if (!indefine && code ~ KEYS)
			return lines[i]
	}
	return ""
}

function flush_region(   name, l, n, at, key) {
	key = region_key()
	nl = 0
	bad = 0
	if (key != "" && !(file in done)) {
		name = "-"
		if (match(key, /[A-Za-z_][A-Za-z0-9_]*\(/))
			name = substr(key, RSTART, RLENGTH - 1)
		at = 0; n = 0
		while ((getline l < file) > 0) {
			n++
			if (!at && l == key)
				at = n
		}
		close(file)
		print "incomplete", file, (at ? at : 1), name, \
			"spatch cannot parse this code; its unmap paths were not checked"
		done[file] = 1
	}
}
/^(PARSING|HANDLING): / {
	flush_region()
	file = $0
	sub(/^[A-Z]+: /, "", file)
	read_file(file)
	next
}
/^BAD:!!!!! / { lines[++nl] = substr($0, 11); if (!bad) bad = nl; next }
/^bad: / { lines[++nl] = substr($0, 6); next }
{ flush_region() }
END { flush_region() }

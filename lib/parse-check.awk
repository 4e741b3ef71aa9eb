# parse-check.awk - turn the parse report of spatch (`--verbose-parsing`
# in the facts run, files named by `HANDLING:`; or `spatch --parse-c`,
# `PARSING:`) into `incomplete` facts.
# Only unparsable regions that touch the code gatherlint reads (the
# gather, unmap callbacks, io-pgtable and flush ops) are reported, at the
# first such line; the rest of a kernel file may hold macros spatch skips
# harmlessly.
#
# spatch prints each unparsable region as `bad:` lines with the failing
# line marked `BAD:!!!!! `; a region starts on the line where the last
# good element ended, so its first line may belong to parsed code.  The
# keys are searched in code only (comments are blanked), and:
#  * when the failing line sits in a `#define` body, only the lines of
#    that #define are searched, and only for code the CLI's textual
#    pre-pass (lib/macro-ops.awk, ops initialisers written in #define
#    bodies) does not read: the gather, io-pgtable and flush ops.  A
#    #define body that is a declaration without its `;`, or a list of
#    designated initialisers, never parses (spatch 1.1.1; cocci/README.md
#    "Macro hints"), whatever the macro file says;
#  * otherwise the whole region is searched (conservative).
BEGIN {
	OFS = "\t"
	KEYS = "iotlb_gather|unmap|io_pgtable|iommu_flush_ops|iommu_domain_ops|iommu_ops"
	DKEYS = "iotlb_gather|io_pgtable|iommu_flush_ops|tlb_add_page|tlb_flush_walk|tlb_flush_all"
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

# The first line of lines[lo..hi] whose code matches re, or "".
function first_key(lo, hi, re,    i, code) {
	incomm = 0
	for (i = lo; i <= hi; i++) {
		code = uncomment(lines[i])
		if (code ~ re)
			return lines[i]
	}
	return ""
}

function region_key(   b, d, e, i) {
	if (nl == 0)
		return ""
	b = bad ? bad : nl
	# the #define the failing line belongs to, if any
	d = 0
	for (i = b; i >= 1; i--) {
		if (i < b && lines[i] !~ /\\[ \t]*$/)
			break
		if (lines[i] ~ /^[ \t]*#[ \t]*define[ \t]/) {
			d = i
			break
		}
	}
	if (!d)
		return first_key(1, nl, KEYS)
	for (e = b; e < nl && lines[e] ~ /\\[ \t]*$/; e++)
		;
	return first_key(d, e, DKEYS)
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
/^(PARSING|HANDLING): / { flush_region(); file = $0; sub(/^[A-Z]+: /, "", file); next }
/^BAD:!!!!! / { lines[++nl] = substr($0, 11); if (!bad) bad = nl; next }
/^bad: / { lines[++nl] = substr($0, 6); next }
{ flush_region() }
END { flush_region() }

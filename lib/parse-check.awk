# parse-check.awk - turn `spatch --parse-c` output into `incomplete` facts.
# Only unparsable regions that touch the code gatherlint reads (the
# gather, unmap callbacks, io-pgtable and flush ops) are reported, at the
# first such line; the rest of a kernel file may hold macros spatch skips
# harmlessly.
#
# #define bodies are judged by their text, never by whether this spatch
# parses them (1.1 cannot parse a field-list body, 1.3 can; the semantic
# patch drops whatever it matches inside one): ops initialisers in them
# are read by the CLI's textual pre-pass (lib/macro-ops.awk), and a body
# that holds gather code (a macro-generated unmap function or helper) is
# reported here, on every version, because spatch does not expand it.
BEGIN { OFS = "\t"; KEYS = "iotlb_gather|unmap|io_pgtable|iommu_flush_ops|iommu_domain_ops|iommu_ops" }

# Read FILE: which lines belong to a #define body (indef[n]), and report
# the first #define body that holds gather code.
function read_file(f,    l, n, cont, indefine, reported) {
	delete indef
	delete linetext
	nlines = 0
	n = 0; cont = 0; indefine = 0; reported = 0
	while ((getline l < f) > 0) {
		n++
		linetext[n] = l
		if (!cont)
			indefine = (l ~ /^[ \t]*#[ \t]*define[ \t]/)
		indef[n] = indefine
		if (indefine && !reported && l ~ /iotlb_gather/) {
			print "incomplete", f, n, "-", \
				"spatch does not expand macros: the gather code in this #define body was not checked"
			reported = 1
		}
		cont = (l ~ /\\[ \t]*$/)
	}
	close(f)
	nlines = n
}
function flush_region(   name, i, n, at, seen, key) {
	if (nkeys > 0 && !(file in done)) {
		at = 0; seen = 0; key = keys[1]
		for (i = 1; i <= nkeys && !at; i++)
			for (n = 1; n <= nlines; n++)
				if (linetext[n] == keys[i]) {
					seen = 1
					if (indef[n])
						continue
					at = n; key = keys[i]
					break
				}
		# only #define bodies: read by text (see above)
		if (at || !seen) {
			if (!at)
				at = 1
			name = "-"
			if (match(key, /[A-Za-z_][A-Za-z0-9_]*\(/))
				name = substr(key, RSTART, RLENGTH - 1)
			print "incomplete", file, at, name, \
				"spatch cannot parse this code; its unmap paths were not checked"
			done[file] = 1
		}
	}
	nkeys = 0
}
/^PARSING: / { flush_region(); file = substr($0, 10); read_file(file); next }
/^BAD:!!!!! / { t = substr($0, 11); if (t ~ KEYS) keys[++nkeys] = t; next }
/^bad: / { t = substr($0, 6); if (t ~ KEYS) keys[++nkeys] = t; next }
{ flush_region() }
END { flush_region() }

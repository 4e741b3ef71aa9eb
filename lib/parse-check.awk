# parse-check.awk - turn `spatch --parse-c` output into `incomplete` facts.
# Only unparsable regions that touch the code gatherlint reads (the
# gather, unmap callbacks, io-pgtable and flush ops) are reported, at the
# first such line; the rest of a kernel file may hold macros spatch skips
# harmlessly.
BEGIN { OFS = "\t"; KEYS = "iotlb_gather|unmap|io_pgtable|iommu_flush_ops|iommu_domain_ops|iommu_ops" }
function flush_region(   name, l, n, at) {
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
	key = ""
}
/^PARSING: / { flush_region(); file = substr($0, 10); next }
/^BAD:!!!!! / { t = substr($0, 11); if (key == "" && t ~ KEYS) key = t; next }
/^bad: / { t = substr($0, 6); if (key == "" && t ~ KEYS) key = t; next }
{ flush_region() }
END { flush_region() }

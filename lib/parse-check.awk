# parse-check.awk - turn `spatch --parse-c` output into `incomplete` facts.
# Only unparsable regions that touch the code gatherlint reads (the
# gather, unmap callbacks, io-pgtable and flush ops) are reported; the
# rest of a kernel file may well hold macros spatch skips harmlessly.
BEGIN { OFS = "\t" }
function flush_region(   name, l) {
	if (region != "" && region ~ /iotlb_gather|unmap|io_pgtable|iommu_flush_ops|iommu_domain_ops|iommu_ops/) {
		name = "-"
		if (match(region, /[A-Za-z_][A-Za-z0-9_]*\(/))
			name = substr(region, RSTART, RLENGTH - 1)
		at = 0; n = 0
		while ((getline l < file) > 0) {
			n++
			if (!at && firstbad != "" && index(l, firstbad) == 1)
				at = n
		}
		close(file)
		if (!(file in done)) {
			print "incomplete", file, (at ? at : 1), name, "spatch cannot parse this code" \
				"; its unmap paths were not checked"
			done[file] = 1
		}
	}
	region = ""; firstbad = ""
}
/^PARSING: / { flush_region(); file = substr($0, 10); next }
/^BAD:!!!!! / { if (firstbad == "") firstbad = substr($0, 11); region = region substr($0, 11) "\n"; next }
/^bad: / { region = region substr($0, 6) "\n"; next }
{ flush_region() }
END { flush_region() }

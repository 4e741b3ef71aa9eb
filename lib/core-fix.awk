# core-fix.awk - the core fix of SPEC section 5 (--fix=core): in the unmap
# loop, after a successful driver unmap, add the unmapped range to the
# gather when the driver left it empty.
#
# Usage: awk -f core-fix.awk LOOPS drivers/iommu/iommu.c > new-iommu.c
#
# LOOPS holds the `loop` lines of lib/core-probe.awk (-v loops=1): which
# function holds the loop, whatever its name, the line after which the
# fix goes (the failure check that follows the driver's unmap, else the
# unmap statement itself), the names of the gather, the iova and the
# unmapped size there.  Lines of other files are ignored (the fix writes
# drivers/iommu/iommu.c only).  Prints the file unchanged when every loop
# already back-fills; exits 1 when no loop of the file is known or one
# cannot be fixed (no name for the gather, the iova or the size).

BEGIN { FS = "\t"; n = 0 }

FILENAME == ARGV[1] {
	if ($1 == "loop" && $2 == "drivers/iommu/iommu.c") {
		n++
		if ($11 != 0) { backfilled++; next }
		if ($7 == "-" || $8 == "-" || $9 == "-") { bad = 1; next }
		at[$6] = n; stmt[n] = $5; g[n] = $7; iova[n] = $8; size[n] = $9; guard[n] = $10
	}
	next
}

FNR == 1 && (n == 0 || bad) { exit 1 }

{
	if (pending) {
		if ($0 !~ /^[ \t]*$/ && $0 !~ /^[ \t]*}/)
			print ""
		pending = 0
	}
	text[FNR] = $0
	print
	if (FNR in at) {
		k = at[FNR]
		ind = text[stmt[k]]
		sub(/[^ \t].*/, "", ind)
		print ""
		print ind "/* A driver that does not use the gather still needs its sync */"
		print ind "if (" (guard[k] == 1 ? size[k] " && " : "") \
		    g[k] "->end <= " g[k] "->start)"
		print ind "\tiommu_iotlb_gather_add_range(" g[k] ", " iova[k] ", " size[k] ");"
		pending = 1
		done++
	}
}

END {
	if (n == 0 || bad) exit 1
	if (done + backfilled < n) exit 1
}

# core-fix.awk - the core fix of SPEC section 5 (--fix=core): in the
# unmap loop of __iommu_unmap(), after a successful driver unmap, add the
# unmapped range to the gather when the driver left it empty.
#
# Usage: awk -f core-fix.awk drivers/iommu/iommu.c > new-iommu.c
# Prints the file unchanged when the loop already back-fills; exits 1 when
# the loop cannot be found.

/^(static )?size_t __iommu_unmap\(/ { infn = 1 }

infn && match($0, /struct iommu_iotlb_gather \*[A-Za-z_][A-Za-z0-9_]*/) && gather == "" {
	gather = substr($0, RSTART, RLENGTH)
	sub(/.*\*/, "", gather)
}

infn && /iommu_iotlb_gather_add_range *\(/ { already = 1 }

infn && !done && !already && /^[ \t]+iova \+= [A-Za-z_][A-Za-z0-9_]*;/ {
	ind = $0
	sub(/[^ \t].*/, "", ind)
	size = $0
	sub(/^[ \t]+iova \+= /, "", size)
	sub(/;.*/, "", size)
	if (gather != "") {
		print ind "/* A driver that does not use the gather still needs its sync */"
		print ind "if (" gather "->end <= " gather "->start)"
		print ind "\tiommu_iotlb_gather_add_range(" gather ", iova, " size ");"
		print ""
		done = 1
	}
}

infn && /^}/ { infn = 0 }

{ print }

END { if (!done && !already) exit 1 }

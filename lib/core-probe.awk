# core-probe.awk - the core state of a tree (SPEC section 3).
#
# Usage: awk -v hdr=include/linux/iommu.h -v src=drivers/iommu/iommu.c \
#            -f core-probe.awk ROOT/include/linux/iommu.h ROOT/drivers/iommu/iommu.c
# (either file may be /dev/null when absent).  `hdr` and `src` are the
# names printed.  Output, one line:
#
#   core STATE FILE LINE DETAIL        (TAB separated)
#
# STATE: LATENT     iommu_iotlb_sync() calls .iotlb_sync whatever the gather
#        EXPOSED    it skips empty gathers, __iommu_unmap does not back-fill
#        PROTECTED  it skips empty gathers, __iommu_unmap back-fills
#        UNKNOWN    iommu_iotlb_sync() or __iommu_unmap() not found
#
# The body of a function is read from its definition line to the first
# line that is a lone "}" at column 0 (kernel style).

BEGIN { OFS = "\t" }

FNR == 1 { infn = ""; which = (FILENAME == ARGV[1]) ? hdr : src }

# Definitions (not prototypes, not the !CONFIG_IOMMU_API stubs: those
# have no ->iotlb_sync call and are skipped below).
/^(static inline )?void iommu_iotlb_sync\(/ && !syncfound {
	infn = "sync"; defline = FNR; deffile = which
	body_skip = 0; body_calls = 0
	next
}
/^static size_t __iommu_unmap\(/ || /^size_t __iommu_unmap\(/ {
	infn = "unmap"; unmapfound = 1
	unmapfile = which; unmapline = FNR
	next
}

infn == "sync" {
	if ($0 ~ /->iotlb_sync *\(/ || $0 ~ /->iotlb_sync *$/ || $0 ~ /->iotlb_sync *&&/)
		body_calls = 1
	if ($0 ~ /(->|\.)start/ && $0 ~ /(->|\.)end/ && !body_skip)
		body_skip = FNR
	if ($0 ~ /^}/) {
		infn = ""
		if (body_calls) {
			syncfound = 1
			syncfile = deffile; syncline = defline; skipline = body_skip
		}
	}
	next
}

infn == "unmap" {
	if ($0 ~ /iommu_iotlb_gather_add_range *\(/ && !backfill)
		backfill = FNR
	if ($0 ~ /^}/)
		infn = ""
	next
}

END {
	if (!syncfound) {
		print "core", "UNKNOWN", "-", 0, "iommu_iotlb_sync() not found"
		exit
	}
	if (!skipline) {
		print "core", "LATENT", syncfile, syncline,
		    syncfile ":" syncline ": iommu_iotlb_sync() calls .iotlb_sync whatever the gather holds"
		exit
	}
	if (!unmapfound) {
		print "core", "UNKNOWN", syncfile, skipline,
		    syncfile ":" skipline ": iommu_iotlb_sync() skips empty gathers, but __iommu_unmap() was not found"
		exit
	}
	if (backfill)
		print "core", "PROTECTED", unmapfile, backfill,
		    syncfile ":" skipline ": iommu_iotlb_sync() skips empty gathers; " \
		    unmapfile ":" backfill ": __iommu_unmap() back-fills an empty gather"
	else
		print "core", "EXPOSED", syncfile, skipline,
		    syncfile ":" skipline ": iommu_iotlb_sync() skips empty gathers; " \
		    unmapfile ":" unmapline ": __iommu_unmap() does not back-fill"
}

static size_t brk_unmap_pages(struct iommu_domain *domain, unsigned long iova, size_t pgsize, size_t pgcount, struct iommu_iotlb_gather *gather) /* expect: analysis-incomplete warning */
{
	struct brk_domain *bd = to_brk_domain(domain);

	/*
	 * bad/broken-unmap.c - bad input: this file does not parse (an
	 * unbalanced parenthesis and a truncated body, as a half-applied
	 * patch leaves it).  The entry point starts on line 1 on purpose, so
	 * that "the file could not be parsed" (reported at line 1) and "this
	 * function could not be parsed" (reported at its first line) are the
	 * same line for every engine.
	 *
	 * Audited alone: an analysis-incomplete warning, exit 1 (never
	 * silent).  In a larger run it would be the same finding, not an
	 * error exit, so it does NOT carry the error-exit marker.  Kept out
	 * of the compile check (check-corpus.sh) and of the corpus themes.
	 */
	if (pgcount > 1 && (iova & (pgsize - 1)) {
		iommu_iotlb_gather_add_range(gather, iova, pgsize * pgcount;
		return pgsize * pgcount;

	return bd->unmapped
}

static const struct iommu_domain_ops brk_domain_ops = {
	.unmap_pages	= brk_unmap_pages,

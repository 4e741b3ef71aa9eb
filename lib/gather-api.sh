# Generated from lib/gather-api.txt by lib/gen-api.sh; do not edit.
# shellcheck shell=sh disable=SC2034
# candidate files mention one of these (grep -E)
gatherlint_keywords='iotlb_gather|io_pgtable_ops|iommu_flush_ops|io_pgtable_init_fns|pt_iommu_ops|iommu_domain_ops'
# an unparsable region that mentions one of these is reported (awk ERE)
gatherlint_regionwords='iotlb_gather|unmap|io_pgtable|iommu_flush_ops|iommu_domain_ops|iommu_ops'
# the ops fields read inside #define bodies: entry points and sync (ERE)
gatherlint_macrofields='unmap_pages|unmap|unmap_range|iotlb_sync'
gatherlint_syncfields='iotlb_sync'
# first-parameter struct = ops type, first match wins
gatherlint_params='io_pgtable_ops=io_pgtable_ops pt_iommu=pt_iommu_ops iommu_iotlb_gather=iommu_flush_ops iommu_domain=iommu_domain_ops'
# for the core probe (space separated): the fills, the unmap fields of iommu_domain_ops
gatherlint_fills='iommu_iotlb_gather_add_range iommu_iotlb_gather_add_page'
gatherlint_domainunmaps='unmap_pages unmap'
# the slices of the cocci engine (lib/slice.awk): a function that mentions one of
# these is kept (ERE, substrings), and one named to one of these ops fields
gatherlint_slicewords='iommu_iotlb_gather_add_range|iommu_iotlb_gather_add_page|io_pgtable_tlb_flush_walk|io_pgtable_tlb_flush_all|tlb_flush_walk|tlb_flush_all|iommu_iotlb_gather_queued|io_pgtable_tlb_add_page|tlb_add_page|alloc_io_pgtable_ops|iommu_domain_ops|iommu_ops|pt_iommu_ops|io_pgtable_ops|iommu_flush_ops|unmap_pages|unmap|unmap_range|iotlb_sync|io_pgtable_init_fns|iotlb_gather|io_pgtable'
gatherlint_opsfields='tlb_flush_walk|tlb_flush_all|tlb_add_page|unmap_pages|unmap|unmap_range|iotlb_sync'

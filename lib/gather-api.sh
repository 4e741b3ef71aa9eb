# Generated from lib/gather-api.txt by lib/gen-api.sh; do not edit.
# shellcheck shell=sh disable=SC2034
# candidate files mention one of these (grep -E)
gatherlint_keywords='iotlb_gather|io_pgtable_ops|iommu_flush_ops|io_pgtable_init_fns|pt_iommu_ops|iommu_domain_ops'

/// What `blkio_mem_region_from_host()` concluded.
///
/// Models the seed's `BlkioMemRegionResult` (`BMRR_OK`, `BMRR_SKIP`,
/// `BMRR_FAIL`), carrying the region for OK and the error for FAIL.
public enum MemRegionResult: Hashable, Sendable {
  /// `BMRR_OK`: the region to map or unmap.
  case ok(MemRegion)
  /// `BMRR_SKIP`: the memory has no fd although the driver needs one; it is
  /// ignored and the caller reports success.
  case skip
  /// `BMRR_FAIL`: the buffer cannot be registered.
  case fail(QEMUError)
}

// MARK: - Allocated memory regions

extension FakeBlkio {
  /// Models `blkio_alloc_mem_region()`: `len` must be a multiple of
  /// `mem-region-alignment` (-EINVAL, `len <decimal> violates
  /// mem-region-alignment <n>`); the memory comes from `memory`, a
  /// deterministic stand-in for memfd + mmap, and an address the alignment
  /// does not divide is refused with -EOVERFLOW as libblkio does, after
  /// giving the memory and the memfd back (`munmap()`, and the `OwnedFd`
  /// closes as it is dropped), so the next allocation gets them again. The
  /// new region is not mapped. The memory is clear of every block of `ram`.
  public mutating func allocate(
    length: UInt64, from memory: inout FakeMemory, avoiding ram: RAMMap
  ) throws(BlkioFailure) -> MemRegion {
    let alignment = properties.memRegionAlignment
    guard length % alignment == 0 else {
      throw BlkioFailure(
        errno: .EINVAL, message: "len \(length) violates mem-region-alignment \(alignment)")
    }
    let region = memory.take(length: length, avoiding: ram)
    guard region.addr % alignment == 0 else {
      memory.giveBack(region)
      throw BlkioFailure(
        errno: .EOVERFLOW,
        message: "Address \(region.addr) violates mem-region-alignment \(alignment)")
    }
    allocatedRegions.insert(region)
    return region
  }

  /// Models `blkio_free_mem_region()`. libblkio asserts that the region is
  /// not mapped and was allocated by this instance; the fake returns the
  /// fault instead of aborting, and then does nothing.
  public mutating func free(_ region: MemRegion) -> String? {
    if mapped.contains(region) {
      return "blkio_free_mem_region() of a mapped region"
    }
    guard allocatedRegions.remove(region) != nil else {
      return "blkio_free_mem_region() of a region this instance did not allocate"
    }
    return nil
  }
}

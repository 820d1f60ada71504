// MARK: - Registering and unregistering buffers

extension BlkioNode {
  /// Whether the node leaves buffers alone: regions are not needed and
  /// mapping would pin memory (the seed's early return in both
  /// `blkio_register_buf()` and `blkio_unregister_buf()`).
  public var skipsRegistration: Bool {
    !needsMemRegions && memRegionsPinned
  }

  /// Registers the buffer `[host, host + size)`.
  ///
  /// Models the seed's `blkio_register_buf()`: nothing when
  /// ``skipsRegistration``; otherwise ``memRegionFromHost(host:size:ram:)``,
  /// where SKIP succeeds and FAIL fails, and for OK one
  /// `blkio_map_mem_region()` whose failure becomes `Failed to add blkio mem
  /// region %p with size %zu: <libblkio's message>`.
  public mutating func register(
    host: UInt64, size: UInt64, ram: RAMMap, log: inout CallLog
  ) throws(QEMUError) {
    if skipsRegistration { return }
    let region: MemRegion
    switch memRegionFromHost(host: host, size: size, ram: ram) {
    case .skip: return
    case .fail(let error): throw error
    case .ok(let produced): region = produced
    }
    do {
      try blkio.map(region)
      log.record(.map(region, .success))
    } catch {
      log.record(.map(region, .failure(error.errno)))
      throw QEMUError(
        "Failed to add blkio mem region \(CFormat.pointer(host)) with size "
          + "\(CFormat.size(size)): \(error.message)")
    }
  }

  /// Unregisters the buffer `[host, host + size)`.
  ///
  /// Models the seed's `blkio_unregister_buf()`: nothing when
  /// ``skipsRegistration`` or when the region cannot be produced (SKIP or
  /// FAIL, whose error is dropped); otherwise one
  /// `blkio_unmap_mem_region()`, which never fails.
  public mutating func unregister(host: UInt64, size: UInt64, ram: RAMMap, log: inout CallLog) {
    if skipsRegistration { return }
    guard case .ok(let region) = memRegionFromHost(host: host, size: size, ram: ram) else {
      return
    }
    blkio.unmap(region)
    log.record(.unmap(region))
  }
}

/// One fake libblkio instance (`struct blkio *`).
///
/// Follows `driver-profiles.md`: it is created connected, its properties are
/// fixed by the driver profile and the `open` line, `start()` moves it to the
/// started state, and it keeps the mapped regions in an address-ordered
/// tree, so that map and unmap cost O(log n) however many regions are mapped
/// and range questions (overlaps, coverage) are answered as fast.
/// Destroying an instance (dropping the value) drops its mappings without
/// unmap calls.
public struct FakeBlkio: Sendable {
  /// The instance's properties.
  public let properties: BlkioProperties
  /// Whether `blkio_start()` succeeded.
  public private(set) var isStarted: Bool
  /// The regions mapped now, in address order.
  public internal(set) var mapped: AddressTree<MemRegion>
  /// The regions allocated with `blkio_alloc_mem_region()` and not freed.
  public internal(set) var allocatedRegions: Set<MemRegion>

  /// Models `blkio_create()` followed by `blkio_connect()`, which the fake
  /// never fails.
  public init(properties: BlkioProperties) {
    self.properties = properties
    isStarted = false
    mapped = AddressTree()
    allocatedRegions = []
  }
}

// MARK: - Life cycle

extension FakeBlkio {
  /// Models `blkio_start()`: fails with -EIO and the message
  /// `injected start failure` when the `open` line asked for `start=fail`.
  public mutating func start() throws(BlkioFailure) {
    if properties.startFails {
      throw BlkioFailure(errno: .EIO, message: "injected start failure")
    }
    isStarted = true
  }
}

// MARK: - Memory regions

extension FakeBlkio {
  /// Models `blkio_map_mem_region()`: the first check that applies decides.
  ///
  /// Not started: -EBUSY; `addr` or `len` not a multiple of
  /// `mem-region-alignment`: -EINVAL; an identical region mapped: -EINVAL;
  /// `max-mem-regions` regions mapped: -ENOSPC; otherwise the region is
  /// mapped. Overlapping, non-identical regions are accepted, as libblkio
  /// does not detect them.
  public mutating func map(_ region: MemRegion) throws(BlkioFailure) {
    let alignment = properties.memRegionAlignment
    guard isStarted else {
      throw BlkioFailure(errno: .EBUSY, message: "Device must be started")
    }
    guard region.addr % alignment == 0 else {
      throw BlkioFailure(
        errno: .EINVAL,
        message: "addr \(CFormat.hex(region.addr)) violates mem-region-alignment \(alignment)")
    }
    guard region.len % alignment == 0 else {
      throw BlkioFailure(
        errno: .EINVAL,
        message: "len \(CFormat.hex(region.len)) violates mem-region-alignment \(alignment)")
    }
    guard !mapped.contains(region) else {
      throw BlkioFailure(errno: .EINVAL, message: "memory region already mapped")
    }
    guard UInt64(mapped.count) < properties.maxMemRegions else {
      throw BlkioFailure(
        errno: .ENOSPC,
        message: "too many memory regions (max-mem-regions \(properties.maxMemRegions))")
    }
    mapped.insertNew(region)
  }

  /// Models `blkio_unmap_mem_region()`: never fails; removes the region if
  /// an identical one is mapped, does nothing otherwise. Returns whether a
  /// region was removed.
  @discardableResult
  public mutating func unmap(_ region: MemRegion) -> Bool {
    mapped.remove(region)
  }

  /// The regions mapped now, as a set.
  public var mappedRegions: Set<MemRegion> { Set(mapped.elements) }
}

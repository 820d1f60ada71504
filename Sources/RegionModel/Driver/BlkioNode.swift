/// An open blkio block node: the driver's per-node state and its libblkio
/// instance.
///
/// Models the fields of the seed's `BDRVBlkioState` that the mapping layer
/// uses, as `blkio_file_open()` fills them in.
public struct BlkioNode: Sendable {
  /// The node's libblkio instance (`s->blkio`).
  public internal(set) var blkio: FakeBlkio
  /// `s->needs_mem_regions`.
  public let needsMemRegions: Bool
  /// `s->needs_mem_region_fd`.
  public let needsMemRegionFD: Bool
  /// `s->mem_region_alignment`.
  public let memRegionAlignment: UInt64
  /// `s->mem_regions_pinned`.
  public let memRegionsPinned: Bool
  /// The bounce-buffer pool (`s->bounce_pool`, `s->bounce_bufs`,
  /// `s->bounce_available`).
  public internal(set) var bounce: BouncePool
  /// The version of the driver this node runs.
  public let variant: DriverVariant
  /// How many registrations hold each mapped region (`fixed` only).
  public internal(set) var registrationCounts: [MemRegion: Int]

  /// Creates the state of an opened node.
  public init(
    blkio: FakeBlkio, needsMemRegions: Bool, needsMemRegionFD: Bool,
    memRegionAlignment: UInt64, memRegionsPinned: Bool, variant: DriverVariant = .seed
  ) {
    self.blkio = blkio
    self.needsMemRegions = needsMemRegions
    self.needsMemRegionFD = needsMemRegionFD
    self.memRegionAlignment = memRegionAlignment
    self.memRegionsPinned = memRegionsPinned
    bounce = BouncePool()
    self.variant = variant
    registrationCounts = [:]
  }
}

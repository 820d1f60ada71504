/// The properties of one fake libblkio instance.
///
/// Models the read-only properties libblkio exposes through
/// `blkio_get_bool()` / `blkio_get_uint64()` that the seed's driver reads,
/// plus the fake's own knobs (`max-mem-regions`, `start`).
public struct BlkioProperties: Hashable, Sendable {
  /// `needs-mem-regions`.
  public var needsMemRegions: Bool
  /// `needs-mem-region-fd`.
  public var needsMemRegionFD: Bool
  /// `mem-region-alignment`, at least 1.
  public var memRegionAlignment: UInt64
  /// `may-pin-mem-regions`, the name libblkio ships; nil when absent.
  public var mayPinMemRegions: Bool?
  /// `mem-regions-pinned`, the draft name the seed reads; nil when absent.
  public var memRegionsPinned: Bool?
  /// How many regions may be mapped at once (the fake's own limit).
  public var maxMemRegions: UInt64
  /// Whether `blkio_start()` fails (the fake's own fault injection).
  public var startFails: Bool

  /// Creates a set of properties.
  public init(
    needsMemRegions: Bool, needsMemRegionFD: Bool, memRegionAlignment: UInt64,
    mayPinMemRegions: Bool?, memRegionsPinned: Bool?, maxMemRegions: UInt64,
    startFails: Bool = false
  ) {
    self.needsMemRegions = needsMemRegions
    self.needsMemRegionFD = needsMemRegionFD
    self.memRegionAlignment = memRegionAlignment
    self.mayPinMemRegions = mayPinMemRegions
    self.memRegionsPinned = memRegionsPinned
    self.maxMemRegions = maxMemRegions
    self.startFails = startFails
  }
}

// MARK: - Driver profiles

extension BlkioProperties {
  /// The default profile of a driver, from `driver-profiles.md`.
  public static func defaults(for driver: BlkioDriverName) -> BlkioProperties {
    switch driver {
    case .ioUring:
      BlkioProperties(
        needsMemRegions: false, needsMemRegionFD: false, memRegionAlignment: 1,
        mayPinMemRegions: false, memRegionsPinned: nil, maxMemRegions: .max)
    case .nvmeIoUring:
      BlkioProperties(
        needsMemRegions: false, needsMemRegionFD: false, memRegionAlignment: 512,
        mayPinMemRegions: false, memRegionsPinned: nil, maxMemRegions: .max)
    case .virtioBlkVfioPci:
      BlkioProperties(
        needsMemRegions: true, needsMemRegionFD: false, memRegionAlignment: 4096,
        mayPinMemRegions: true, memRegionsPinned: nil, maxMemRegions: 65535)
    case .virtioBlkVhostUser:
      BlkioProperties(
        needsMemRegions: true, needsMemRegionFD: true, memRegionAlignment: 1,
        mayPinMemRegions: true, memRegionsPinned: nil, maxMemRegions: 509)
    case .virtioBlkVhostVdpa:
      BlkioProperties(
        needsMemRegions: true, needsMemRegionFD: true, memRegionAlignment: 4096,
        mayPinMemRegions: true, memRegionsPinned: nil, maxMemRegions: .max)
    }
  }

  /// The profile with `overrides` applied in order.
  public func applying(_ overrides: [BlkioPropertyOverride]) -> BlkioProperties {
    var result = self
    for override in overrides {
      switch override {
      case .needsMemRegions(let value): result.needsMemRegions = value
      case .needsMemRegionFD(let value): result.needsMemRegionFD = value
      case .memRegionAlignment(let value): result.memRegionAlignment = value
      case .maxMemRegions(let value): result.maxMemRegions = value
      case .mayPinMemRegions(let value): result.mayPinMemRegions = value
      case .memRegionsPinned(let value): result.memRegionsPinned = value
      case .start(let fails): result.startFails = fails
      }
    }
    return result
  }
}

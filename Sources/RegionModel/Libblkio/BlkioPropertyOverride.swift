/// One `PROPERTY=VALUE` of an `open` line, replacing a profile default.
public enum BlkioPropertyOverride: Hashable, Sendable {
  case needsMemRegions(Bool)
  case needsMemRegionFD(Bool)
  /// At least 1; the parser refuses 0.
  case memRegionAlignment(UInt64)
  case maxMemRegions(UInt64)
  /// nil is `absent`.
  case mayPinMemRegions(Bool?)
  /// nil is `absent`.
  case memRegionsPinned(Bool?)
  /// `start=fail` is true.
  case start(fails: Bool)
  /// `fail-map=N`, at least 1.
  case failMap(UInt64)
  /// `fail-map-errno=NAME`.
  case failMapErrno(Errno)
  /// `memlock=BYTES`.
  case memlock(UInt64)
  /// `direct=BOOL` (io_uring): open the file with O_DIRECT, as QEMU does
  /// for `cache.direct=on`.
  case direct(Bool)
  /// `logical-block-size=N`: the device's logical block size (io_uring) or
  /// LBA size (nvme-io_uring), a power of two from 512 to 65536.
  case logicalBlockSize(UInt64)
  /// `max-transfer`: the largest request the device takes in one call (0
  /// for no limit).
  case maxTransfer(UInt64)

  /// The property's name in the trace.
  public var key: String {
    switch self {
    case .needsMemRegions: "needs-mem-regions"
    case .needsMemRegionFD: "needs-mem-region-fd"
    case .memRegionAlignment: "mem-region-alignment"
    case .maxMemRegions: "max-mem-regions"
    case .mayPinMemRegions: "may-pin-mem-regions"
    case .memRegionsPinned: "mem-regions-pinned"
    case .start: "start"
    case .failMap: "fail-map"
    case .failMapErrno: "fail-map-errno"
    case .memlock: "memlock"
    case .direct: "direct"
    case .logicalBlockSize: "logical-block-size"
    case .maxTransfer: "max-transfer"
    }
  }
}

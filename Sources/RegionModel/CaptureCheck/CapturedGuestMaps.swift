/// The maps of guest memory in a capture (not the bounce pool's), which
/// `regionsim import` reads to learn the fd of each RAMBlock and, before
/// QEMU 8.0 printed host addresses, where each block is.
public struct CapturedGuestMaps: Sendable {
  /// One successful map of guest memory.
  public struct GuestMap: Hashable, Sendable {
    public var line: Int
    public var region: CaptureRegion
    public var fdPath: String?
  }

  /// The maps, in capture order.
  public var maps: [GuestMap]

  /// Reads the capture in `source`.
  public static func read(_ source: some ByteSource) throws(TraceFailure) -> CapturedGuestMaps {
    var reader = CaptureReader(source: source)
    var allocated: [UInt64: Set<CaptureRegion>] = [:]
    var maps: [GuestMap] = []
    while let (line, parsed, _) = try reader.next() {
      guard case .record(let record) = parsed else { continue }
      switch record.call {
      case .alloc(let handle, _, 0, let region?): allocated[handle, default: []].insert(region)
      case .free(let handle, let region?): allocated[handle]?.remove(region)
      case .map(let handle, let region?, 0):
        if allocated[handle]?.contains(region) != true {
          maps.append(GuestMap(line: line, region: region, fdPath: record.fdPath))
        }
      default: continue
      }
    }
    return CapturedGuestMaps(maps: maps)
  }

  /// The first map whose address lies in `[host, host + max)`.
  func first(inside host: UInt64, max: UInt64) -> GuestMap? {
    maps.first(where: { $0.region.addr &- host < max })
  }
}

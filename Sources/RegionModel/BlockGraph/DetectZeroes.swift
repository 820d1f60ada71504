/// A node's `detect-zeroes` option (`BlockdevDetectZeroesOptions`): whether
/// `bdrv_aligned_pwritev()` (`block/io.c`) turns a write whose data is all
/// zeroes into a zero write, and with `unmap` also allows it to unmap.
public enum DetectZeroes: UInt8, Hashable, Sendable, CaseIterable {
  case off = 0
  case on = 1
  case unmap = 2

  /// The option's spelling.
  public var name: String {
    switch self {
    case .off: "off"
    case .on: "on"
    case .unmap: "unmap"
    }
  }

  /// The option named `name`, if any.
  public init?(name: String) {
    guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
    self = found
  }
}

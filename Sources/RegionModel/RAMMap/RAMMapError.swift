/// A change to the RAM map that the trace format forbids.
public enum RAMMapError: Error, Equatable, Sendable {
  case nameInUse(String)
  case zeroMaxLength(String)
  case usedBeyondMax(name: String, used: UInt64, max: UInt64)
  case endBeyondAddressSpace(name: String, host: UInt64, max: UInt64)
  case overlap(name: String, other: String)
  case unknownBlock(String)
}

// MARK: - CustomStringConvertible

extension RAMMapError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .nameInUse(let name):
      "a RAMBlock named '\(name)' exists already"
    case .zeroMaxLength(let name):
      "RAMBlock '\(name)' has max=0; a block needs at least one byte"
    case .usedBeyondMax(let name, let used, let max):
      "RAMBlock '\(name)': used=\(CFormat.hex(used)) is larger than max=\(CFormat.hex(max))"
    case .endBeyondAddressSpace(let name, let host, let max):
      "RAMBlock '\(name)': host=\(CFormat.hex(host)) plus max=\(CFormat.hex(max)) "
        + "runs past the top of the 64-bit address space"
    case .overlap(let name, let other):
      "RAMBlock '\(name)' overlaps RAMBlock '\(other)'"
    case .unknownBlock(let name):
      "there is no RAMBlock named '\(name)'"
    }
  }
}

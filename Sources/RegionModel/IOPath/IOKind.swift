/// A guest request's direction, and for a write whether its data is all
/// zeroes (what `detect-zeroes` looks for).
public enum IOKind: String, Hashable, Sendable {
  case read
  case write
  /// A write whose data is all zeroes: `write ... zeroes=true`.
  case zeroWrite = "write-zeroes-data"

  /// Whether it writes.
  public var isWrite: Bool { self != .read }
}

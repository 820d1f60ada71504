/// A buffer as registration names it.
public struct RegisteredBuffer: Hashable, Sendable {
  /// Its first byte.
  public var host: UInt64
  /// Its length.
  public var size: UInt64
}

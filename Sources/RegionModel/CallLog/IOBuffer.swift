/// The buffer a request hands to libblkio.
public struct IOBuffer: Hashable, Sendable {
  /// Its first byte.
  public var addr: UInt64
  /// Its length.
  public var len: UInt64
  /// Whether it is a bounce buffer in the node's pool (else the guest's).
  public var bounce: Bool
  /// Whether there is no buffer at all: a zero write
  /// (`blkioq_write_zeroes()`), `addr` 0.
  public var zeroes: Bool

  /// Creates a buffer.
  public init(addr: UInt64, len: UInt64, bounce: Bool, zeroes: Bool = false) {
    self.addr = addr
    self.len = len
    self.bounce = bounce
    self.zeroes = zeroes
  }
}

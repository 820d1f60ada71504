/// A live bounce buffer: a piece of the pool lent to one request.
///
/// Models `BlkioBounceBuf` (its `iovec`), with the request that holds it.
public struct BounceBuffer: Hashable, Sendable {
  /// The request holding the buffer.
  public var request: String
  /// `buf.iov_base`.
  public var addr: UInt64
  /// `buf.iov_len`.
  public var len: UInt64
}

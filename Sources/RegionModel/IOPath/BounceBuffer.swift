/// A live bounce buffer: a piece of the pool lent to one request.
///
/// Models `BlkioBounceBuf` (its `iovec`), with the request that holds it.
public struct BounceBuffer: Hashable, Sendable {
  /// The request holding the buffer.
  public var request: NameID
  /// `buf.iov_base`.
  public var addr: UInt64
  /// `buf.iov_len`.
  public var len: UInt64
}

// MARK: - Order

extension BounceBuffer: AddressRanged {
  public var rangeStart: UInt64 { addr }
  public var rangeLength: UInt64 { len }
  /// The pool's first fit needs the gaps between buffers.
  public static var summarizesGaps: Bool { true }
  /// Nothing asks which buffer overlaps a range: the ends are not kept,
  /// which halves the work of each tree update on the bounce path.
  public static var summarizesReach: Bool { false }

  /// By address, then length, then request: QEMU's list `s->bounce_bufs`
  /// is sorted by address, and a zero-length buffer (always inserted at the
  /// head, at the pool's base) comes before a buffer starting at the same
  /// address, as first fit's walk needs.
  public static func < (lhs: BounceBuffer, rhs: BounceBuffer) -> Bool {
    (lhs.addr, lhs.len, lhs.request.index) < (rhs.addr, rhs.len, rhs.request.index)
  }
}

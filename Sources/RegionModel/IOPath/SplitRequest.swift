/// A guest request larger than its node's fragment limit, which
/// `bdrv_aligned_preadv()`/`bdrv_aligned_pwritev()` (`block/io.c`) hand the
/// driver in fragments, one after the other, each with the request's flags
/// (`BDRV_REQ_REGISTERED_BUF` is kept per fragment) and its own bounce
/// buffer when it needs one.
struct SplitRequest: Hashable, Sendable {
  /// The guest's whole buffer.
  var host: UInt64
  /// The whole request's length.
  var size: UInt64
  /// The bytes of the fragments completed so far.
  var done: UInt64
  /// The largest fragment (``BlkioProperties/fragmentLimit``).
  var limit: UInt64
  /// Whether the request carries `BDRV_REQ_REGISTERED_BUF` at the node.
  var flagged: Bool
}

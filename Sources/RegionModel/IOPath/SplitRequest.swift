/// A guest request the driver receives in more than one piece, one after
/// the other, each with its own bounce buffer when it needs one:
///
/// - larger than its node's fragment limit, which
///   `bdrv_aligned_preadv()`/`bdrv_aligned_pwritev()` (`block/io.c`) hand
///   the driver in fragments, each with the request's flags
///   (`BDRV_REQ_REGISTERED_BUF` is kept per fragment);
/// - an unaligned write, which `bdrv_padding_rmw_read()` precedes with the
///   reads of its padding (``padReads``), made with no flags.
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
  /// The lengths of the padding reads still to issue before the first
  /// fragment (at most two).
  var padReads: [UInt64] = []
  /// Whether the piece in flight is a padding read.
  var readingPad = false
}

/// The padding of a request that does not start and end on its node's
/// request alignment.
///
/// Models `bdrv_init_padding()` (`block/io.c`, since v7.2.0 unchanged in
/// what it computes): the head is `offset % align`, the tail what takes the
/// end up to the next multiple of `align`; the pad buffer is `align` bytes,
/// or twice that when there are both a head and a tail and the padded
/// request is longer than `align`; and the reads are merged into one when
/// the padded request is exactly the pad buffer's length.
/// `bdrv_pad_request()` then clears `BDRV_REQ_REGISTERED_BUF` for the whole
/// request: the hint cannot hold for a vector that includes QEMU's pad
/// buffer.
struct RequestPadding: Hashable, Sendable {
  /// The bytes before the request in its first aligned block.
  let head: UInt64
  /// The bytes after the request in its last aligned block.
  let tail: UInt64
  /// The node's request alignment.
  let alignment: UInt64
  /// The length of the padded request: head, request and tail.
  let paddedLength: UInt64

  /// The padding of `size` bytes at disk offset `offset` on a node whose
  /// request alignment is `alignment`, or nil when the request needs none
  /// (aligned at both ends, empty, or an alignment of 1). The caller keeps
  /// `offset + size` within `BDRV_MAX_LENGTH`.
  init?(offset: UInt64, size: UInt64, alignment: UInt64) {
    guard alignment > 1, size > 0 else { return nil }
    let end = offset + size
    let head = offset % alignment
    let tail = (alignment - end % alignment) % alignment
    guard head != 0 || tail != 0 else { return nil }
    self.head = head
    self.tail = tail
    self.alignment = alignment
    paddedLength = head + size + tail
  }

  /// `pad->buf_len`: the pad buffer's length.
  var bufferLength: UInt64 {
    head != 0 && tail != 0 && paddedLength > alignment ? 2 * alignment : alignment
  }

  /// `pad->merge_reads`: one read covers the head and the tail.
  var mergesReads: Bool { paddedLength == bufferLength }

  /// The lengths of the reads `bdrv_padding_rmw_read()` makes before a
  /// padded write, in order: the merged read, or the head's block and then
  /// the tail's.
  var writeReads: [UInt64] {
    if mergesReads { return [bufferLength] }
    var reads: [UInt64] = []
    if head != 0 { reads.append(alignment) }
    if tail != 0 { reads.append(alignment) }
    return reads
  }

  /// `BDRV_MAX_LENGTH`: the largest offset plus length a request may reach
  /// (`INT64_MAX` aligned down to 1 GiB, `include/block/block-common.h`).
  static var maximumEnd: UInt64 { 0x7FFF_FFFF_C000_0000 }
}

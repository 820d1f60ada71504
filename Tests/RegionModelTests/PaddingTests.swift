import Testing

@testable import RegionModel

/// Unaligned requests on a node with a request alignment are padded
/// (`bdrv_init_padding()`, `bdrv_pad_request()`, `bdrv_padding_rmw_read()`
/// in `block/io.c`): they lose `BDRV_REQ_REGISTERED_BUF`, the driver gets
/// the padded length, and a write first reads its padding, each piece with
/// its own bounce buffer where the node needs memory regions.
@Suite struct PaddingTests {
  typealias T = TraceTestSupport

  /// A 4Kn vhost-vdpa device (blk_size 4096) under 512-byte guest I/O. The
  /// expected lines follow the C code: r2 (0x200 at 0x200) is padded to
  /// [0, 0x1000); w1 (0x1000 at 0x200) to [0, 0x2000), head and tail in a
  /// 0x2000 pad buffer the padded request fills, so one read of 0x2000
  /// (`merge_reads`); w2 (0x2000 at 0x200) to [0, 0x3000), two reads of
  /// 0x1000; w4 (0x1e00 at 0x200) has a head only, so a buffer of 0x1000
  /// and one read of it; aligned requests keep the flag and go direct.
  static let trace = """
    blkio-trace 1
    ramblock add ram host=0x100000 max=1M fd=9
    open d driver=virtio-blk-vhost-vdpa logical-block-size=4096
    > discard-disable ret=0
    > ok
    backend add b root=d
    registrar attach b
    > map addr=0x100000 len=0x100000 fd=9 fd-offset=0x0 ret=0
    read r1 blk=b host=0x100000 size=4K offset=0x1000
    > submit r1 node=d addr=0x100000 len=0x1000 via=direct
    complete r1
    > done r1 ret=0
    read r2 blk=b host=0x100000 size=0x200 offset=0x200
    > alloc addr=0x7ffe00000000 len=0x21000 fd=1000 ret=0
    > map addr=0x7ffe00000000 len=0x21000 fd=1000 fd-offset=0x0 ret=0
    > submit r2 node=d addr=0x7ffe00000000 len=0x1000 via=bounce
    complete r2
    > done r2 ret=0
    write w1 blk=b host=0x100000 size=0x1000 offset=0x200
    > submit w1 node=d addr=0x7ffe00000000 len=0x2000 via=bounce
    complete w1
    > submit w1 node=d addr=0x7ffe00000000 len=0x2000 via=bounce
    complete w1
    > done w1 ret=0
    write w2 blk=b host=0x100000 size=0x2000 offset=0x200
    > submit w2 node=d addr=0x7ffe00000000 len=0x1000 via=bounce
    complete w2
    > submit w2 node=d addr=0x7ffe00000000 len=0x1000 via=bounce
    complete w2
    > submit w2 node=d addr=0x7ffe00000000 len=0x3000 via=bounce
    complete w2
    > done w2 ret=0
    write w4 blk=b host=0x100000 size=0x1e00 offset=0x200
    > submit w4 node=d addr=0x7ffe00000000 len=0x1000 via=bounce
    complete w4
    > submit w4 node=d addr=0x7ffe00000000 len=0x2000 via=bounce
    complete w4
    > done w4 ret=0
    write w3 blk=b host=0x100000 size=0x1000 offset=0x1000
    > submit w3 node=d addr=0x100000 len=0x1000 via=direct
    complete w3
    > done w3 ret=0

    """

  @Test func unalignedRequestsArePaddedAndLoseTheFlag() {
    let outcome = TraceCheck.run(source: MemorySource(Self.trace), variant: .merged)
    #expect(T.passed(outcome), "\(outcome)")
  }

  /// A failed padding read ends the write with its error, as
  /// `bdrv_padding_rmw_read()`'s caller returns it.
  @Test func aFailedPaddingReadEndsTheWrite() {
    let trace = """
      blkio-trace 1
      open d driver=virtio-blk-vhost-vdpa logical-block-size=4096
      > discard-disable ret=0
      > ok
      backend add b root=d
      write w blk=b host=0x100000 size=0x200 offset=0x200
      > alloc addr=0x7ffe00000000 len=0x21000 fd=1000 ret=0
      > map addr=0x7ffe00000000 len=0x21000 fd=1000 fd-offset=0x0 ret=0
      > submit w node=d addr=0x7ffe00000000 len=0x1000 via=bounce
      complete w ret=-EIO
      > done w ret=-EIO

      """
    let outcome = TraceCheck.run(source: MemorySource(trace), variant: .merged)
    #expect(T.passed(outcome), "\(outcome)")
  }

  /// The padding of any request is aligned, minimal and covers the
  /// request; the reads before a write cover exactly the blocks the head
  /// and the tail are in.
  @Test(arguments: Array(UInt64(0)..<20))
  func paddingIsAlignedMinimalAndReadsItsEdges(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    for _ in 0..<500 {
      let alignment = UInt64(1) << random.bounded(13)
      let offset = random.chance(1, in: 2) ? random.bounded(1 << 20) : random.bounded(64) << 9
      let size = random.chance(1, in: 3) ? random.bounded(1 << 16) : random.bounded(16) << 9
      guard let padding = RequestPadding(offset: offset, size: size, alignment: alignment) else {
        #expect(alignment == 1 || size == 0 || (offset % alignment == 0 && size % alignment == 0))
        continue
      }
      let start = offset - padding.head
      let end = start + padding.paddedLength
      #expect(start % alignment == 0 && end % alignment == 0)
      #expect(padding.head < alignment && padding.tail < alignment)
      #expect(end == offset + size + padding.tail)
      let reads = padding.writeReads
      let blocks = padding.paddedLength / alignment
      if blocks == 1 {
        // One block holds head and tail: one read of it.
        #expect(reads == [alignment])
      } else if padding.head != 0 && padding.tail != 0 {
        // Two blocks padded: one merged read when they are the whole
        // request, else one per block.
        #expect(reads == (blocks == 2 ? [2 * alignment] : [alignment, alignment]))
      } else {
        #expect(reads == [alignment])
      }
    }
  }
}

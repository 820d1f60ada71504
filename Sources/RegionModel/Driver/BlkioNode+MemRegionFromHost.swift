// MARK: - Producing a region for a buffer

extension BlkioNode {
  /// Produces the region for the buffer `[host, host + size)`.
  ///
  /// Models the seed's `blkio_mem_region_from_host()`:
  /// 1. `(host | size) % mem_region_alignment != 0` fails with
  ///    `unaligned buf %p with size %zu`;
  /// 2. if the driver needs an fd: look `host` up in the RAM map; no block,
  ///    or a block without fd, is SKIP; look up `host + size - 1` (wrapping,
  ///    so `size = 0` looks up `host - 1`) and fail with `registered buffer at
  ///    %p with size %zu extends beyond RAMBlock` unless it is the same block;
  ///    the region's `fd_offset` is `host`'s offset inside the block (the
  ///    block's own file offset is not added);
  /// 3. otherwise fd is -1 and `fd_offset` 0.
  ///
  /// It depends only on its arguments and the RAM map, so identical calls
  /// give identical regions, which `blkio_unmap_mem_region()` relies on.
  ///
  /// `fixed` checks `host` and `size` separately and adds the block's file
  /// offset to `fd_offset`.
  public func memRegionFromHost(host: UInt64, size: UInt64, ram: RAMMap) -> MemRegionResult {
    if !alignmentAccepts(host: host, size: size) {
      return .fail(QEMUError(DriverMessages.unalignedBuffer(host: host, size: size)))
    }
    var fd: Int32 = -1
    var fdOffset: UInt64 = 0
    if needsMemRegionFD {
      guard let block = ram.extent(containingHost: host), block.fd != -1 else { return .skip }
      fd = block.fd
      fdOffset = host &- block.host
      if variant.addsFileOffset { fdOffset &+= block.fileOffset }
      // Blocks do not overlap, so the last byte is in the same block exactly
      // when that block contains it: no second search.
      if !block.contains(host &+ size &- 1) {
        return .fail(QEMUError(DriverMessages.beyondRAMBlock(host: host, size: size)))
      }
    }
    return .ok(MemRegion(addr: host, len: size, fd: fd, fdOffset: fdOffset))
  }

  /// The driver's alignment check: QEMU's `(host | size) % alignment`, or
  /// libblkio's two separate checks in `fixed`.
  func alignmentAccepts(host: UInt64, size: UInt64) -> Bool {
    let alignment = memRegionAlignment
    if variant.checksAlignmentSeparately {
      return host % alignment == 0 && size % alignment == 0
    }
    return (host | size) % alignment == 0
  }
}

import RegionModel

/// An independent re-derivation of what the seed's `blkio_register_buf()`
/// decides, written straight from the C and using QEMU's list walk for the
/// RAM lookup; the property tests hold the model to it.
enum RegisterOracle {
  enum Decision: Equatable {
    /// No call, and this result.
    case noCall(Outcome)
    /// Exactly one `blkio_map_mem_region()` of this region.
    case map(MemRegion)
  }

  static func decide(node: BlkioNode, host: UInt64, size: UInt64, ram: RAMMap) -> Decision {
    if !node.needsMemRegions && node.memRegionsPinned { return .noCall(.ok) }
    if (host | size) % node.memRegionAlignment != 0 {
      return .noCall(.error("unaligned buf \(CFormat.pointer(host)) with size \(size)"))
    }
    guard node.needsMemRegionFD else {
      return .map(MemRegion(addr: host, len: size, fd: -1, fdOffset: 0))
    }
    guard let first = ram.blockByListWalk(containingHost: host), first.block.fd != -1 else {
      return .noCall(.ok)
    }
    let last = ram.blockByListWalk(containingHost: host &+ size &- 1)
    guard last?.block.name == first.block.name else {
      return .noCall(
        .error(
          "registered buffer at \(CFormat.pointer(host)) with size \(size) extends beyond RAMBlock")
      )
    }
    return .map(
      MemRegion(addr: host, len: size, fd: first.block.fd, fdOffset: host &- first.block.host))
  }
}

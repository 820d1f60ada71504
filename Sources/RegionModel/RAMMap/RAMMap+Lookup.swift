/// A block found by ``RAMMap/block(containingHost:)`` and the offset of the
/// address inside it.
public struct RAMBlockHit: Hashable, Sendable {
  /// The block that contains the address.
  public var block: RAMBlock
  /// `address - block.host`, what QEMU stores through `*offset`.
  public var offset: UInt64
}

// MARK: - Lookup

extension RAMMap {
  /// Finds the block that contains `address`.
  ///
  /// Models `qemu_ram_block_from_host(ptr, false, &offset)`
  /// (`system/physmem.c`, `softmmu/physmem.c` before 8.1; unchanged in this
  /// respect since 2013): the first block in list order whose host is not
  /// NULL and for which `ptr - host < max_length` (unsigned), and the offset
  /// `ptr - host`. A block whose host is 0 is never found, neither through
  /// the mru_block shortcut nor in the list walk. Because blocks do not
  /// overlap and end at or below 2^64, only the block with the largest host
  /// at or below `address` can contain it, so a binary search gives QEMU's
  /// answer (the mru_block shortcut gives the same answer for the same
  /// reason).
  public func block(containingHost address: UInt64) -> RAMBlockHit? {
    guard let index = indexOfBlock(containingHost: address) else { return nil }
    let candidate = blocksByHost[index]
    return RAMBlockHit(block: candidate, offset: address &- candidate.host)
  }

  /// The index in ``blocksByHost`` of the block that contains `address`,
  /// found as ``block(containingHost:)`` finds it, without copying it.
  func indexOfBlock(containingHost address: UInt64) -> Int? {
    guard let index = indexOfLastBlock(atOrBelow: address), hosts[index] != 0 else { return nil }
    return address &- hosts[index] < blocksByHost[index].maxLength ? index : nil
  }

  /// What the driver reads of the block that contains `address`, found as
  /// ``block(containingHost:)`` finds it: read field by field in place, as
  /// a copy of the block would retain its name.
  func extent(containingHost address: UInt64) -> RAMBlockExtent? {
    guard let index = indexOfLastBlock(atOrBelow: address) else { return nil }
    return blocksByHost.withUnsafeBufferPointer { blocks in
      let host = blocks[index].host
      let maxLength = blocks[index].maxLength
      guard host != 0, address &- host < maxLength else { return nil }
      return RAMBlockExtent(
        host: host, maxLength: maxLength, fd: blocks[index].fd,
        fileOffset: blocks[index].fileOffset)
    }
  }

  /// The same lookup done QEMU's way, walking the list in order; the tests
  /// hold ``block(containingHost:)`` to it.
  public func blockByListWalk(containingHost address: UInt64) -> RAMBlockHit? {
    for candidate in listOrder where candidate.host != 0 && candidate.contains(address) {
      return RAMBlockHit(block: candidate, offset: address &- candidate.host)
    }
    return nil
  }
}

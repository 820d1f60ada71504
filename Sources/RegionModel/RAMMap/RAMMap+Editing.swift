// MARK: - Adding, removing and resizing blocks

extension RAMMap {
  /// Adds a block, refusing what the trace format forbids: a name in use,
  /// `max = 0`, `used > max`, `host + max` past 2^64, or an overlap.
  ///
  /// Models the list insertion of QEMU's `ram_block_add()`.
  @discardableResult
  public mutating func add(
    name: String, host: UInt64, maxLength: UInt64, usedLength: UInt64? = nil,
    fd: Int32 = -1, fileOffset: UInt64 = 0
  ) throws(RAMMapError) -> RAMBlock {
    let used = usedLength ?? maxLength
    guard hostByName[name] == nil else { throw .nameInUse(name) }
    guard maxLength > 0 else { throw .zeroMaxLength(name) }
    guard used <= maxLength else { throw .usedBeyondMax(name: name, used: used, max: maxLength) }
    // host + max may equal 2^64 (a block at the very top) but not exceed it.
    guard maxLength - 1 <= UInt64.max - host else {
      throw .endBeyondAddressSpace(name: name, host: host, max: maxLength)
    }
    let lastByte = host + (maxLength - 1)
    let below = indexOfLastBlock(atOrBelow: lastByte)
    if let below {
      let neighbour = blocksByHost[below]
      // The neighbour starts at or below our last byte; it overlaps unless
      // it ends before our first byte.
      if neighbour.host >= host || neighbour.host + (neighbour.maxLength - 1) >= host {
        throw .overlap(name: name, other: neighbour.name)
      }
    }
    let block = RAMBlock(
      name: name, host: host, usedLength: used, maxLength: maxLength, fd: fd,
      fileOffset: fileOffset, serial: nextSerial)
    nextSerial += 1
    blocksByHost.insert(block, at: (below ?? -1) + 1)
    hosts.insert(host, at: (below ?? -1) + 1)
    hostByName[name] = host
    if fd != -1 { fdUses[fd, default: 0] += 1 }
    return block
  }

  /// Removes the block named `name` and returns it.
  ///
  /// Models the list removal of QEMU's `qemu_ram_free()`.
  @discardableResult
  public mutating func remove(named name: String) throws(RAMMapError) -> RAMBlock {
    guard let index = indexOfBlock(named: name) else { throw .unknownBlock(name) }
    return remove(at: index)
  }

  /// Removes the block at `index` of ``blocksByHost`` and returns it.
  @discardableResult
  mutating func remove(at index: Int) -> RAMBlock {
    hosts.remove(at: index)
    let block = blocksByHost.remove(at: index)
    hostByName[block.name] = nil
    if block.fd != -1 {
      let uses = fdUses[block.fd, default: 1] - 1
      fdUses[block.fd] = uses == 0 ? nil : uses
    }
    return block
  }

  /// Changes the used length of the block named `name` (its `max` never
  /// changes). Models `qemu_ram_resize()`.
  public mutating func resize(named name: String, usedLength: UInt64) throws(RAMMapError) {
    guard let index = indexOfBlock(named: name) else { throw .unknownBlock(name) }
    let block = blocksByHost[index]
    guard usedLength <= block.maxLength else {
      throw .usedBeyondMax(name: name, used: usedLength, max: block.maxLength)
    }
    blocksByHost[index].usedLength = usedLength
  }
}

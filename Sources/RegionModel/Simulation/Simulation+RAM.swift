// MARK: - RAM blocks and their notifiers

extension Simulation {
  /// Adds a RAMBlock, then tells every notifier, newest first.
  ///
  /// Models `ram_block_add()`: a guest_memfd block first requires discard
  /// (from QEMU 9.1, 852f0048f3: `ram_block_discard_require(true)`; from
  /// 10.1, 2fde3fb916: `ram_block_coordinated_discard_require(true)`), and
  /// is not added when that fails (`cannot set up private guest memory:
  /// discard currently blocked` and the errno's text); then the block is put
  /// in the list, then, if it has a host, `ram_block_notify_add(host, used,
  /// max)` walks the notifier list (safely: a notifier may remove itself).
  /// Returns the result of a block that requires discard, nil for others.
  mutating func addRAMBlock(
    name: String, host: UInt64, max: UInt64, used: UInt64?, fd: Int32, fileOffset: UInt64,
    guestMemfd: Bool = false, log: inout CallLog
  ) throws(SimulationError) -> Outcome? {
    if max > 0, max - 1 <= UInt64.max - host,
      let region = memory.liveMemory(overlapping: host, length: max)
    {
      throw .blockOverAllocation(block: name, region: region)
    }
    if fd != -1, memory.liveFDs.contains(fd) { throw .blockUsesAllocatedFD(block: name, fd: fd) }
    // A name in use is an error of the trace, found by ram.add() before
    // anything changes.
    let requirement =
      guestMemfd && ram.block(named: name) == nil ? variant.guestMemfdDiscard : .none
    if requirement != .none {
      let ret =
        requirement == .coordinated ? discard.coordinatedRequire(true) : discard.require(true)
      if case .failure(let errno) = ret {
        return .error(
          "cannot set up private guest memory: discard currently blocked: \(errno.strerror)")
      }
    }
    let block: RAMBlock
    do {
      block = try ram.add(
        name: name, host: host, maxLength: max, usedLength: used, fd: fd, fileOffset: fileOffset)
    } catch {
      if requirement != .none { releaseGuestMemfdDiscard(requirement) }
      throw .ramMap(error)
    }
    if requirement != .none { guestMemfdBlocks[name] = requirement }
    if block.host != 0, notifiers.count > 0 {
      let buffer = RegisteredBuffer(host: block.host, size: block.maxLength)
      for backend in notifiers.elements {
        registrarAdded(backend, buffer: buffer, log: &log)
      }
    }
    return requirement == .none ? nil : .ok
  }

  /// Drops the discard requirement of a guest_memfd block.
  mutating func releaseGuestMemfdDiscard(_ requirement: GuestMemfdDiscard) {
    switch requirement {
    case .none: break
    case .any: _ = discard.require(false)
    case .coordinated: _ = discard.coordinatedRequire(false)
    }
  }

  /// Tells every notifier that a RAMBlock goes away, newest first, then
  /// removes it.
  ///
  /// Models `qemu_ram_free()`: `ram_block_notify_remove(host, used, max)`
  /// while the block is still in the list, then the list removal.
  mutating func removeRAMBlock(name: String, log: inout CallLog) throws(SimulationError) {
    guard let index = ram.indexOfBlock(named: name) else { throw .ramMap(.unknownBlock(name)) }
    let block = ram.blocksByHost[index]
    if block.host != 0, notifiers.count > 0 {
      let buffer = RegisteredBuffer(host: block.host, size: block.maxLength)
      for backend in notifiers.elements {
        registrarRemoved(backend, buffer: buffer, log: &log)
      }
    }
    // The notifiers change no block: the block is still at `index`, and
    // is removed without looking its name up again.
    ram.remove(at: index)
    // Most blocks are not guest_memfd: no hashing of the name for them.
    if !guestMemfdBlocks.isEmpty, let requirement = guestMemfdBlocks.removeValue(forKey: name) {
      releaseGuestMemfdDiscard(requirement)
    }
  }

  /// The blocks a notifier is told about, in RAM-list order: those with a
  /// host (`ram_block_notify_add_single()` skips a NULL host), each as the
  /// buffer the registrar registers (`host`, `max_length`). Sorted by
  /// index and read field by field: sorting copies of the blocks retained
  /// and released each one's name at every step.
  var notifiedBuffers: [RegisteredBuffer] {
    ram.blocksByHost.withUnsafeBufferPointer { blocks in
      var order: [Int] = []
      order.reserveCapacity(blocks.count)
      for index in blocks.indices where blocks[index].host != 0 { order.append(index) }
      // RAMBlock.precedesInRAMList: larger max_length first, then order of
      // addition (serials are unique, so the order is total).
      order.sort { first, second in
        let (one, other) = (blocks[first].maxLength, blocks[second].maxLength)
        if one != other { return one > other }
        return blocks[first].serial < blocks[second].serial
      }
      return order.map { RegisteredBuffer(host: blocks[$0].host, size: blocks[$0].maxLength) }
    }
  }
}

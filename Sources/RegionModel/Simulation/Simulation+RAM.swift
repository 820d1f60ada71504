// MARK: - RAM blocks and their notifiers

extension Simulation {
  /// Adds a RAMBlock, then tells every notifier, newest first.
  ///
  /// Models `ram_block_add()`: the block is put in the list, then, if it
  /// has a host, `ram_block_notify_add(host, used, max)` walks the notifier
  /// list (safely: a notifier may remove itself).
  mutating func addRAMBlock(
    name: String, host: UInt64, max: UInt64, used: UInt64?, fd: Int32, fileOffset: UInt64,
    log: inout CallLog
  ) throws(SimulationError) {
    if max > 0, max - 1 <= UInt64.max - host,
      let region = memory.liveMemory(overlapping: host, length: max)
    {
      throw .blockOverAllocation(block: name, region: region)
    }
    if fd != -1, memory.liveFDs.contains(fd) { throw .blockUsesAllocatedFD(block: name, fd: fd) }
    let block: RAMBlock
    do {
      block = try ram.add(
        name: name, host: host, maxLength: max, usedLength: used, fd: fd, fileOffset: fileOffset)
    } catch { throw .ramMap(error) }
    guard block.host != 0, notifiers.count > 0 else { return }
    for backend in notifiers.elements {
      registrarAdded(backend, block: block, log: &log)
    }
  }

  /// Tells every notifier that a RAMBlock goes away, newest first, then
  /// removes it.
  ///
  /// Models `qemu_ram_free()`: `ram_block_notify_remove(host, used, max)`
  /// while the block is still in the list, then the list removal.
  mutating func removeRAMBlock(name: String, log: inout CallLog) throws(SimulationError) {
    guard let block = ram.block(named: name) else { throw .ramMap(.unknownBlock(name)) }
    if block.host != 0, notifiers.count > 0 {
      for backend in notifiers.elements {
        registrarRemoved(backend, block: block, log: &log)
      }
    }
    do { try ram.remove(named: name) } catch { throw .ramMap(error) }
  }

  /// The blocks a notifier is told about, in RAM-list order: those with a
  /// host (`ram_block_notify_add_single()` skips a NULL host).
  var notifiedBlocks: [RAMBlock] {
    ram.listOrder.filter { $0.host != 0 }
  }
}

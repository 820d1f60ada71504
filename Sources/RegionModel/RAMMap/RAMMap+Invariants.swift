// MARK: - Invariants

extension RAMMap {
  /// Traps, naming the broken rule, unless the blocks are in address order
  /// without overlaps and the indexes (hosts, names, fd uses) agree with
  /// them. For the property tests; O(blocks).
  public func checkInvariants() {
    precondition(hosts.count == blocksByHost.count, "invariant: RAMMap hosts out of step")
    precondition(hostByName.count == blocksByHost.count, "invariant: RAMMap names out of step")
    var uses: [Int32: Int] = [:]
    for (index, block) in blocksByHost.enumerated() {
      precondition(hosts[index] == block.host, "invariant: RAMMap host index of '\(block.name)'")
      precondition(
        hostByName[block.name] == block.host, "invariant: RAMMap name of '\(block.name)'")
      precondition(block.maxLength > 0, "invariant: RAMBlock '\(block.name)' has no length")
      precondition(block.usedLength <= block.maxLength, "invariant: '\(block.name)' used > max")
      if index > 0 {
        let previous = blocksByHost[index - 1]
        precondition(
          UInt128(previous.host) + UInt128(previous.maxLength) <= UInt128(block.host),
          "invariant: RAMBlocks '\(previous.name)' and '\(block.name)' overlap or are out of order")
      }
      if block.fd != -1 { uses[block.fd, default: 0] += 1 }
    }
    precondition(uses == fdUses, "invariant: RAMMap fd uses out of step")
  }
}

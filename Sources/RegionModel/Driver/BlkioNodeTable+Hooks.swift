// MARK: - The buffer hooks, on a node in place

extension BlkioNodeTable {
  /// ``BlkioNode/register(host:size:ram:log:hazards:)`` (the seed's
  /// `blkio_register_buf()`) on the open node whose id's slot is `slot`, in
  /// place; does nothing if there is no such node.
  ///
  /// The RAM map and the hazard watch come as arguments rather than
  /// through a closure over the whole model: a closure that reached them
  /// through the model made each call copy the RAM map (retaining its four
  /// buffers) to keep it apart from the node being changed.
  mutating func register(
    _ slot: Int, host: UInt64, size: UInt64, ram: RAMMap, log: inout CallLog,
    hazards: inout HazardWatch?
  ) throws(QEMUError) {
    try update(slot) { (node) throws(QEMUError) in
      try node.register(host: host, size: size, ram: ram, log: &log, hazards: &hazards)
    }
  }

  /// ``BlkioNode/unregister(host:size:ram:log:hazards:)`` (the seed's
  /// `blkio_unregister_buf()`) on the open node whose id's slot is `slot`,
  /// in place, as ``register(_:host:size:ram:log:hazards:)``.
  mutating func unregister(
    _ slot: Int, host: UInt64, size: UInt64, ram: RAMMap, log: inout CallLog,
    hazards: inout HazardWatch?
  ) {
    update(slot) { node in
      node.unregister(host: host, size: size, ram: ram, log: &log, hazards: &hazards)
    }
  }
}

// MARK: - Shutdown

extension Simulation {
  /// Models the block layer's part of `qemu_cleanup()`: every request has
  /// been drained (`bdrv_drain_all()`), then `bdrv_close_all()` runs
  /// `blk_remove_all_bs()`, which takes every BlockBackend's root away
  /// without an unregister call, and closes every node (a blkio node's
  /// `blkio_close()` drops its mappings without an unmap call). Devices are
  /// never unrealized at shutdown, so registrars stay on the RAM notifier
  /// list; memory backends freed afterwards (`user_creatable_cleanup()`)
  /// reach them with no root (U3).
  mutating func shutdown(log: inout CallLog) throws(SimulationError) {
    if let pending = requests.live.map({ requestName($0.id) }).min() {
      throw .shutdownNotDrained(request: pending)
    }
    for slot in backends.indices {
      guard let root = backends[slot]?.root else { continue }
      registrarDetached(NameID(Int32(slot)), node: root, log: &log)
      backends[slot]?.root = nil
      rootedBackends[root] -= 1
    }
    for slot in formatNodes.slots {
      let id = NameID(Int32(slot))
      formatNodes.remove(slot)
      graph.detachAllChildren(of: id)
      names.releaseLater(id, in: .node)
    }
    for id in blkioNodes.ids {
      guard let node = blkioNodes[id.slot] else { continue }
      closeBlkioNode(id, node, log: &log)
      names.releaseLater(id, in: .node)
    }
    isShutDown = true
  }
}

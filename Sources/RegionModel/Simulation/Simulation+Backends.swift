// MARK: - BlockBackends and RAM registrars

extension Simulation {
  mutating func addBackend(_ name: String, root: String?) throws(SimulationError) {
    guard backends[name] == nil else { throw .backendExists(name) }
    if let root, !nodeExists(root) { throw .unknownNode(root) }
    backends[name] = BlockBackend(root: root)
  }

  /// Models `blk_insert_bs()`.
  mutating func attachRoot(_ root: String, to name: String) throws(SimulationError) {
    guard let backend = backends[name] else { throw .unknownBackend(name) }
    guard backend.root == nil else { throw .backendHasRoot(name) }
    guard nodeExists(root) else { throw .unknownNode(root) }
    backends[name]?.root = root
  }

  /// Models `blk_remove_bs()`.
  mutating func detachRoot(from name: String) throws(SimulationError) {
    guard let backend = backends[name] else { throw .unknownBackend(name) }
    guard backend.root != nil else { throw .backendHasNoRoot(name) }
    backends[name]?.root = nil
  }

  mutating func removeBackend(_ name: String) throws(SimulationError) {
    guard let backend = backends[name] else { throw .unknownBackend(name) }
    guard backend.registrar == nil else { throw .backendHasRegistrar(name) }
    backends[name] = nil
  }

  /// Models `blk_ram_registrar_init()`: `ok = true`, then
  /// `ram_block_notifier_add()`, which puts the notifier at the head of the
  /// list and calls `added` for every RAMBlock with a host, in list order.
  mutating func attachRegistrar(to name: String, log: inout CallLog) throws(SimulationError) {
    guard let backend = backends[name] else { throw .unknownBackend(name) }
    guard backend.registrar == nil else { throw .backendHasRegistrar(name) }
    backends[name]?.registrar = RAMRegistrar(ok: true)
    notifiers.insert(name, at: 0)
    for block in notifiedBlocks {
      registrarAdded(name, block: block, log: &log)
    }
  }

  /// Models `blk_ram_registrar_destroy()`: if still ok,
  /// `ram_block_notifier_remove()`.
  mutating func destroyRegistrar(of name: String, log: inout CallLog) throws(SimulationError) {
    guard let registrar = backends[name]?.registrar else {
      throw backends[name] == nil ? .unknownBackend(name) : .backendHasNoRegistrar(name)
    }
    if registrar.ok { removeNotifier(name, log: &log) }
    backends[name]?.registrar = nil
  }

  /// Models the registrar's `ram_block_added()`: nothing once not ok; else
  /// `blk_register_buf(blk, host, max)`, and on failure `error_report_err()`,
  /// `ram_block_notifier_remove()` and `ok = false`.
  mutating func registrarAdded(_ name: String, block: RAMBlock, log: inout CallLog) {
    guard backends[name]?.registrar?.ok == true else { return }
    guard let error = blkRegisterBuffer(name, host: block.host, size: block.maxLength, log: &log)
    else {
      if variant.registrarRemembers {
        backends[name]?.registrar?.registered.insert(
          RegisteredBuffer(host: block.host, size: block.maxLength))
      }
      return
    }
    log.record(.report(error.message))
    removeNotifier(name, log: &log)
    backends[name]?.registrar?.ok = false
  }

  /// Models the registrar's `ram_block_removed()`:
  /// `blk_unregister_buf(blk, host, max)`, unconditionally (in `fixed`, only
  /// for a buffer it registered).
  mutating func registrarRemoved(_ name: String, block: RAMBlock, log: inout CallLog) {
    if variant.registrarRemembers {
      let buffer = RegisteredBuffer(host: block.host, size: block.maxLength)
      guard backends[name]?.registrar?.registered.remove(buffer) != nil else { return }
    }
    guard let root = backends[name]?.root else { return }
    unregisterBufferFlaggingOrder(on: root, host: block.host, size: block.maxLength, log: &log)
  }

  /// Models `ram_block_notifier_remove()`: the notifier leaves the list,
  /// then `removed` is called for every RAMBlock with a host, in list order,
  /// whether or not it was ever registered.
  mutating func removeNotifier(_ name: String, log: inout CallLog) {
    notifiers.removeAll { $0 == name }
    for block in notifiedBlocks {
      registrarRemoved(name, block: block, log: &log)
    }
  }

  /// Models `blk_register_buf()`: `bdrv_register_buf()` on the root, or
  /// success without a root.
  mutating func blkRegisterBuffer(
    _ name: String, host: UInt64, size: UInt64, log: inout CallLog
  ) -> QEMUError? {
    guard let root = backends[name]?.root else { return nil }
    return registerBuffer(on: root, host: host, size: size, log: &log)
  }
}

// MARK: - BlockBackends and RAM registrars

extension Simulation {
  mutating func addBackend(_ id: NameID, root: NameID?) throws(SimulationError) {
    guard backends[id.slot] == nil else { throw .backendExists(backendName(id)) }
    if let root, !nodeExists(root) { throw .unknownNode(nodeName(root)) }
    backends[id.slot] = BlockBackend(root: root)
    if let root { rootedBackends[root] += 1 }
  }

  /// Models `blk_insert_bs()` (in `fixed`, the registrar then registers the
  /// RAM on the new root).
  mutating func attachRoot(
    _ root: NameID, to id: NameID, log: inout CallLog
  ) throws(SimulationError) {
    guard let backend = backends[id.slot] else { throw .unknownBackend(backendName(id)) }
    guard backend.root == nil else { throw .backendHasRoot(backendName(id)) }
    guard nodeExists(root) else { throw .unknownNode(nodeName(root)) }
    backends[id.slot]?.root = root
    rootedBackends[root] += 1
    registrarAttached(id, node: root, log: &log)
  }

  /// Models `blk_remove_bs()` (in `fixed`, the registrar first unregisters
  /// the RAM from the root that leaves).
  mutating func detachRoot(from id: NameID, log: inout CallLog) throws(SimulationError) {
    guard let backend = backends[id.slot] else { throw .unknownBackend(backendName(id)) }
    guard let root = backend.root else { throw .backendHasNoRoot(backendName(id)) }
    registrarDetached(id, node: root, log: &log)
    backends[id.slot]?.root = nil
    rootedBackends[root] -= 1
  }

  mutating func removeBackend(_ id: NameID) throws(SimulationError) {
    guard let backend = backends[id.slot] else { throw .unknownBackend(backendName(id)) }
    guard backend.registrar == nil else { throw .backendHasRegistrar(backendName(id)) }
    if let root = backend.root { rootedBackends[root] -= 1 }
    backends[id.slot] = nil
  }

  /// Models `blk_ram_registrar_init()`: `ok = true`, then
  /// `ram_block_notifier_add()`, which puts the notifier at the head of the
  /// list and calls `added` for every RAMBlock with a host, in list order.
  mutating func attachRegistrar(to id: NameID, log: inout CallLog) throws(SimulationError) {
    guard let backend = backends[id.slot] else { throw .unknownBackend(backendName(id)) }
    guard backend.registrar == nil else { throw .backendHasRegistrar(backendName(id)) }
    backends[id.slot]?.registrar = RAMRegistrar(ok: true)
    notifiers.insertAtHead(id)
    for buffer in notifiedBuffers {
      registrarAdded(id, buffer: buffer, log: &log)
    }
  }

  /// Models `blk_ram_registrar_destroy()`: if still ok,
  /// `ram_block_notifier_remove()`. Its only caller,
  /// `virtio_blk_device_unrealize()`, drains the backend first
  /// (`blk_drain()`), so a request of the backend still in flight is an
  /// error of the trace.
  mutating func destroyRegistrar(of id: NameID, log: inout CallLog) throws(SimulationError) {
    guard let registrar = backends[id.slot]?.registrar else {
      throw backends[id.slot] == nil
        ? .unknownBackend(backendName(id)) : .backendHasNoRegistrar(backendName(id))
    }
    if backends[id.slot]?.requestsInFlight ?? 0 > 0 {
      let pending =
        requests.live.filter { requests.backend($0.id.slot) == id }
        .map { requestName($0.id) }.min() ?? ""
      throw .backendNotDrained(backend: backendName(id), request: pending)
    }
    if registrar.ok { removeNotifier(id, log: &log) }
    backends[id.slot]?.registrar = nil
    hazards?.forgetRegistrar(id)
  }

  /// Models the registrar's `ram_block_added()`: nothing once not ok; else
  /// `blk_register_buf(blk, host, max)`, and on failure `error_report_err()`,
  /// `ram_block_notifier_remove()` and `ok = false`.
  mutating func registrarAdded(_ id: NameID, buffer: RegisteredBuffer, log: inout CallLog) {
    guard backends[id.slot]?.registrar?.ok == true else { return }
    let wasCalling = callingRegistrar
    callingRegistrar = id
    defer { callingRegistrar = wasCalling }
    guard let error = blkRegisterBuffer(id, host: buffer.host, size: buffer.size, log: &log)
    else {
      if variant.registrarRemembers {
        backends[id.slot]?.registrar?.registered.insert(buffer)
      }
      return
    }
    log.record(.report(names.message(error.message)))
    removeNotifier(id, log: &log)
    backends[id.slot]?.registrar?.ok = false
  }

  /// Models the registrar's `ram_block_removed()`:
  /// `blk_unregister_buf(blk, host, max)`, unconditionally (in `fixed`, only
  /// for a buffer it registered).
  mutating func registrarRemoved(_ id: NameID, buffer: RegisteredBuffer, log: inout CallLog) {
    let wasCalling = callingRegistrar
    callingRegistrar = id
    defer { callingRegistrar = wasCalling }
    if variant.registrarRemembers {
      guard backends[id.slot]?.registrar?.registered.remove(buffer) != nil else { return }
    }
    guard let root = backends[id.slot]?.root else {
      if !variant.checksBackendRoot {
        nullRootFault(
          id, call: "bdrv_unregister_buf", host: buffer.host, size: buffer.size, log: &log)
      }
      return
    }
    unregisterBufferFlaggingOrder(on: root, host: buffer.host, size: buffer.size, log: &log)
  }

  /// Models `ram_block_notifier_remove()`: the notifier leaves the list,
  /// then `removed` is called for every RAMBlock with a host, in list order,
  /// whether or not it was ever registered.
  mutating func removeNotifier(_ id: NameID, log: inout CallLog) {
    notifiers.remove(id)
    for buffer in notifiedBuffers {
      registrarRemoved(id, buffer: buffer, log: &log)
    }
  }

  /// Models `blk_register_buf()`: `bdrv_register_buf()` on the root, or
  /// success without a root (in `seed`, a crash: see
  /// ``DriverVariant/checksBackendRoot``).
  mutating func blkRegisterBuffer(
    _ id: NameID, host: UInt64, size: UInt64, log: inout CallLog
  ) -> QEMUError? {
    guard let root = backends[id.slot]?.root else {
      if !variant.checksBackendRoot {
        nullRootFault(id, call: "bdrv_register_buf", host: host, size: size, log: &log)
      }
      return nil
    }
    return registerBuffer(on: root, host: host, size: size, log: &log)
  }
}

// MARK: - The NULL root of the series as posted (U3)

extension Simulation {
  /// The text a shell prints for a process killed by SIGSEGV, as glibc's
  /// `strsignal(SIGSEGV)` spells it.
  static let segmentationFault = "Segmentation fault"

  /// Models the series as posted: `blk_register_buf()` or
  /// `blk_unregister_buf()` handing `blk_bs(blk)`, NULL, to `call`, which
  /// reads `bs->drv` through it. The process dies there; the model records
  /// the fault and goes on as if the call had done nothing.
  mutating func nullRootFault(
    _ id: NameID, call: String, host: UInt64, size: UInt64, log: inout CallLog
  ) {
    log.record(.fault(names.message(Self.segmentationFault)))
    guard hazards != nil else { return }
    let detail =
      formatsHazardDetails
      ? "backend '\(backendName(id))' has no root node: \(call)(NULL, \(CFormat.hex(host)), "
        + "\(size))"
      : ""
    hazards?.flag(.nullRoot, detail)
  }
}

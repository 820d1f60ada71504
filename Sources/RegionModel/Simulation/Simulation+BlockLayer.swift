// MARK: - bdrv_register_buf() and bdrv_unregister_buf()

extension Simulation {
  /// The `register` input: `bdrv_register_buf()` on a node of either kind.
  mutating func register(
    _ id: NameID, host: UInt64, size: UInt64, log: inout CallLog
  ) throws(SimulationError) -> Outcome {
    guard nodeExists(id) else { throw .nodeNotOpen(nodeName(id)) }
    if let error = registerBuffer(on: id, host: host, size: size, log: &log) {
      return .error(error.message)
    }
    return .ok
  }

  /// The `unregister` input: `bdrv_unregister_buf()` on a node of either kind.
  mutating func unregister(
    _ id: NameID, host: UInt64, size: UInt64, log: inout CallLog
  ) throws(SimulationError) {
    guard nodeExists(id) else { throw .nodeNotOpen(nodeName(id)) }
    unregisterBufferFlaggingOrder(on: id, host: host, size: size, log: &log)
  }

  /// Models `bdrv_register_buf()`: the node's own hook (blkio nodes only),
  /// failing at once; then each child in list order, and if one fails, the
  /// rollback of `bdrv_register_buf_rollback()`: unregister the children
  /// before it, in order, then the node's own hook.
  mutating func registerBuffer(
    on id: NameID, host: UInt64, size: UInt64, log: inout CallLog
  ) -> QEMUError? {
    if blkioNodes.contains(id.slot), let error = registerHook(id, host: host, size: size, log: &log)
    {
      return error
    }
    guard graph.hasChildren(id) else { return nil }
    // The list value is a snapshot (its storage retained), as an array
    // copy of it was, without the copy.
    let children = graph.childList(of: id)
    for (index, child) in children.enumerated() {
      if let error = registerBuffer(on: child, host: host, size: size, log: &log) {
        var unused = 0
        let earlier = Array(children.prefix(index))
        for done in variant.unregistersInReverse ? Array(earlier.reversed()) : Array(earlier) {
          unregisterBuffer(on: done, host: host, size: size, log: &log, hooks: &unused)
        }
        if blkioNodes.contains(id.slot) { unregisterHook(id, host: host, size: size, log: &log) }
        return error
      }
    }
    return nil
  }

  /// Models `bdrv_unregister_buf()`: the node's own hook, then every child
  /// in list order (the same order as registration, not reversed); `fixed`
  /// goes the other way round. `hooks` counts the blkio hooks that unmapped
  /// something.
  mutating func unregisterBuffer(
    on id: NameID, host: UInt64, size: UInt64, log: inout CallLog, hooks: inout Int
  ) {
    let reverse = variant.unregistersInReverse
    let isBlkio = blkioNodes.contains(id.slot)
    if !reverse, isBlkio, unregisterHook(id, host: host, size: size, log: &log) {
      hooks += 1
    }
    if graph.hasChildren(id) {
      let children = graph.childList(of: id)
      if reverse {
        for child in children.reversed() {
          unregisterBuffer(on: child, host: host, size: size, log: &log, hooks: &hooks)
        }
      } else {
        for child in children {
          unregisterBuffer(on: child, host: host, size: size, log: &log, hooks: &hooks)
        }
      }
    }
    if reverse, isBlkio, unregisterHook(id, host: host, size: size, log: &log) {
      hooks += 1
    }
  }

  /// `bdrv_unregister_buf()` from the top, flagging a teardown that unmaps
  /// on two or more nodes in registration order.
  mutating func unregisterBufferFlaggingOrder(
    on id: NameID, host: UInt64, size: UInt64, log: inout CallLog
  ) {
    var hooks = 0
    unregisterBuffer(on: id, host: host, size: size, log: &log, hooks: &hooks)
    if hooks >= 2, !variant.unregistersInReverse, hazards != nil {
      let detail =
        formatsHazardDetails
        ? "buffer \(CFormat.pointer(host)) size \(size) unmapped on \(hooks) nodes below "
          + "'\(nodeName(id))' in registration order"
        : ""
      hazards?.flag(.unregisterOrder, detail)
    }
  }

  /// `blkio_register_buf()` on blkio node `id`, in place, with the hazards
  /// only the whole process can see: a second registration, regions in
  /// flight.
  mutating func registerHook(
    _ id: NameID, host: UInt64, size: UInt64, log: inout CallLog
  ) -> QEMUError? {
    let before = log.count
    // A buffer's count is dropped when it falls to 0: one that is there
    // is registered.
    if hazards != nil, blkioNodes.skipsRegistration(id.slot) == false,
      !variant.countsRegistrations,
      hazards?.liveRegistrations[NodeBuffer(node: id, host: host, size: size)] != nil
    {
      let detail =
        formatsHazardDetails
        ? "buffer \(CFormat.pointer(host)) size \(size) is registered on '\(nodeName(id))' already"
        : ""
      hazards?.flag(.doubleRegistration, detail)
    }
    var failure: QEMUError?
    do {
      try blkioNodes.register(
        id.slot, host: host, size: size, ram: ram, log: &log, hazards: &hazards)
    } catch {
      failure = error
    }
    if hazards != nil {
      if log.calls[before...].contains(where: {
        if case .map(_, .success) = $0 { true } else { false }
      }) {
        hazards?.liveRegistrations[NodeBuffer(node: id, host: host, size: size), default: 0] += 1
      }
      if let backend = callingRegistrar, failure == nil {
        let key = RegistrarVisit(
          backend: backend, buffer: NodeBuffer(node: id, host: host, size: size))
        hazards?.registrarVisits[key, default: 0] += 1
      }
      flagRegionsInFlight(node: id, calls: log.calls[before...])
    }
    return failure
  }

  /// `blkio_unregister_buf()` on blkio node `id`, in place; returns whether
  /// it unmapped anything.
  @discardableResult
  mutating func unregisterHook(
    _ id: NameID, host: UInt64, size: UInt64, log: inout CallLog
  ) -> Bool {
    let before = log.count
    blkioNodes.unregister(id.slot, host: host, size: size, ram: ram, log: &log, hazards: &hazards)
    let unmapped = log.count > before
    if hazards != nil {
      let key = NodeBuffer(node: id, host: host, size: size)
      if unmapped { hazards?.releaseRegistration(key) }
      if let backend = callingRegistrar {
        hazards?.releaseVisit(RegistrarVisit(backend: backend, buffer: key))
      }
      flagRegionsInFlight(node: id, calls: log.calls[before...])
    }
    return unmapped
  }
}

// MARK: - bdrv_register_buf() and bdrv_unregister_buf()

extension Simulation {
  /// The `register` input: `bdrv_register_buf()` on a node of either kind.
  mutating func register(
    _ name: String, host: UInt64, size: UInt64, log: inout CallLog
  ) throws(SimulationError) -> Outcome {
    guard nodeExists(name) else { throw .nodeNotOpen(name) }
    if let error = registerBuffer(on: name, host: host, size: size, log: &log) {
      return .error(error.message)
    }
    return .ok
  }

  /// The `unregister` input: `bdrv_unregister_buf()` on a node of either kind.
  mutating func unregister(
    _ name: String, host: UInt64, size: UInt64, log: inout CallLog
  ) throws(SimulationError) {
    guard nodeExists(name) else { throw .nodeNotOpen(name) }
    unregisterBufferFlaggingOrder(on: name, host: host, size: size, log: &log)
  }

  /// Models `bdrv_register_buf()`: the node's own hook (blkio nodes only),
  /// failing at once; then each child in list order, and if one fails, the
  /// rollback of `bdrv_register_buf_rollback()`: unregister the children
  /// before it, in order, then the node's own hook.
  mutating func registerBuffer(
    on name: String, host: UInt64, size: UInt64, log: inout CallLog
  ) -> QEMUError? {
    if nodes[name] != nil, let error = registerHook(name, host: host, size: size, log: &log) {
      return error
    }
    let children = graph.childList(of: name)
    for (index, child) in children.enumerated() {
      if let error = registerBuffer(on: child, host: host, size: size, log: &log) {
        var unused = 0
        let earlier = children[..<index]
        for done in variant.unregistersInReverse ? Array(earlier.reversed()) : Array(earlier) {
          unregisterBuffer(on: done, host: host, size: size, log: &log, hooks: &unused)
        }
        if nodes[name] != nil { unregisterHook(name, host: host, size: size, log: &log) }
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
    on name: String, host: UInt64, size: UInt64, log: inout CallLog, hooks: inout Int
  ) {
    let reverse = variant.unregistersInReverse
    if !reverse, nodes[name] != nil, unregisterHook(name, host: host, size: size, log: &log) {
      hooks += 1
    }
    let children = graph.childList(of: name)
    for child in reverse ? Array(children.reversed()) : children {
      unregisterBuffer(on: child, host: host, size: size, log: &log, hooks: &hooks)
    }
    if reverse, nodes[name] != nil, unregisterHook(name, host: host, size: size, log: &log) {
      hooks += 1
    }
  }

  /// `bdrv_unregister_buf()` from the top, flagging a teardown that unmaps
  /// on two or more nodes in registration order.
  mutating func unregisterBufferFlaggingOrder(
    on name: String, host: UInt64, size: UInt64, log: inout CallLog
  ) {
    var hooks = 0
    unregisterBuffer(on: name, host: host, size: size, log: &log, hooks: &hooks)
    if hooks >= 2, !variant.unregistersInReverse {
      log.flag(
        .unregisterOrder,
        "buffer \(CFormat.pointer(host)) size \(size) unmapped on \(hooks) nodes below '\(name)' "
          + "in registration order")
    }
  }

  /// `blkio_register_buf()` on blkio node `name`, with the hazards only the
  /// whole process can see: a second registration, regions in flight.
  mutating func registerHook(
    _ name: String, host: UInt64, size: UInt64, log: inout CallLog
  ) -> QEMUError? {
    guard var node = nodes[name] else { return nil }
    let key = RegisteredBuffer(host: host, size: size)
    if !node.skipsRegistration, !variant.countsRegistrations,
      liveRegistrations[name]?[key, default: 0] ?? 0 > 0
    {
      log.flag(
        .doubleRegistration,
        "buffer \(CFormat.pointer(host)) size \(size) is registered on '\(name)' already")
    }
    let before = log.calls.count
    var failure: QEMUError?
    do {
      try node.register(host: host, size: size, ram: ram, log: &log)
    } catch {
      failure = error
    }
    nodes[name] = node
    if log.calls[before...].contains(where: {
      if case .map(_, .success) = $0 { true } else { false }
    }) {
      liveRegistrations[name, default: [:]][key, default: 0] += 1
    }
    flagRegionsInFlight(node: name, calls: log.calls[before...], log: &log)
    return failure
  }

  /// `blkio_unregister_buf()` on blkio node `name`; returns whether it
  /// unmapped anything.
  @discardableResult
  mutating func unregisterHook(
    _ name: String, host: UInt64, size: UInt64, log: inout CallLog
  ) -> Bool {
    guard var node = nodes[name] else { return false }
    let before = log.calls.count
    node.unregister(host: host, size: size, ram: ram, log: &log)
    nodes[name] = node
    let unmapped = log.calls.count > before
    let key = RegisteredBuffer(host: host, size: size)
    if unmapped, let count = liveRegistrations[name]?[key] {
      liveRegistrations[name]?[key] = count > 1 ? count - 1 : nil
    }
    flagRegionsInFlight(node: name, calls: log.calls[before...], log: &log)
    return unmapped
  }
}

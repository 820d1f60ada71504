// MARK: - Graph changes under a live registrar (U5)

extension Simulation {
  /// Models `bdrv_replace_node(from, to)` (`block.c`), as a mirror or
  /// commit job's completion, an external snapshot or `bdrv_append()` does:
  /// every parent edge of `from` (format nodes and BlockBackends' roots)
  /// points to `to` instead and goes to the head of its parent's child
  /// list, except the edges of parents that `to` reaches (a loop; QEMU's
  /// `should_update_child()`). Nothing is registered or unregistered in any
  /// release; `fixed` tells each registrar whose subtree changed.
  mutating func replaceNode(
    _ from: NameID, by to: NameID, log: inout CallLog
  ) throws(SimulationError) {
    guard nodeExists(from) else { throw .unknownNode(nodeName(from)) }
    guard nodeExists(to) else { throw .unknownNode(nodeName(to)) }
    guard from != to else { throw .replaceBySelf(nodeName(from)) }
    let parents = graph.replaceableParents(of: from, by: to)
    if let (refusal, parent) = graph.checkReplace(from, by: to, in: parents) {
      throw graphError(refusal, parent: parent, child: to)
    }
    for parent in parents {
      let listeners = registrarsHearing(parent)
      for backend in listeners { registrarDetached(backend, node: from, log: &log) }
      do {
        try graph.replace(from, by: to, under: parent)
      } catch {
        throw graphError(error, parent: parent, child: to)
      }
      for backend in listeners { registrarAttached(backend, node: to, log: &log) }
    }
    for slot in backends.indices where backends[slot]?.root == from {
      let backend = NameID(Int32(slot))
      let hears = followsGraph(backend)
      if hears { registrarDetached(backend, node: from, log: &log) }
      backends[slot]?.root = to
      rootedBackends[from] -= 1
      rootedBackends[to] += 1
      if hears { registrarAttached(backend, node: to, log: &log) }
    }
  }

  /// Whether `backend`'s registrar hears graph changes: `fixed`, while the
  /// registrar is ok (the notifiers go when it gives up).
  func followsGraph(_ backend: NameID) -> Bool {
    variant.registrarFollowsGraph && backends[backend.slot]?.registrar?.ok == true
  }

  /// The backends whose registrar hears an edge change under `parent`: those
  /// that follow the graph and whose root is `parent` or reaches it
  /// (`child_of_bds` forwards the notification up to every root).
  func registrarsHearing(_ parent: NameID) -> [NameID] {
    guard variant.registrarFollowsGraph else { return [] }
    return backends.indices.compactMap { slot -> NameID? in
      let backend = NameID(Int32(slot))
      guard followsGraph(backend), let root = backends[slot]?.root,
        graph.reaches(root, parent).found
      else { return nil }
      return backend
    }
  }

  /// The fix's attach notifier: `bdrv_register_buf(node, host, max)` for
  /// every RAMBlock with a host, in RAM-list order; on the first failure the
  /// error is reported and the registrar gives up
  /// (`blk_ram_registrar_destroy()`: its notifiers go, every block is
  /// unregistered through the root, and it is no longer ok).
  mutating func registrarAttached(_ backend: NameID, node: NameID, log: inout CallLog) {
    guard followsGraph(backend) else { return }
    let wasCalling = callingRegistrar
    callingRegistrar = backend
    defer { callingRegistrar = wasCalling }
    for buffer in notifiedBuffers {
      guard let error = registerBuffer(on: node, host: buffer.host, size: buffer.size, log: &log)
      else { continue }
      log.record(.report(names.message(error.message)))
      removeNotifier(backend, log: &log)
      backends[backend.slot]?.registrar?.ok = false
      return
    }
  }

  /// The fix's detach notifier: `bdrv_unregister_buf(node, host, max)` for
  /// every RAMBlock with a host, in RAM-list order.
  mutating func registrarDetached(_ backend: NameID, node: NameID, log: inout CallLog) {
    guard followsGraph(backend) else { return }
    let wasCalling = callingRegistrar
    callingRegistrar = backend
    defer { callingRegistrar = wasCalling }
    for buffer in notifiedBuffers {
      unregisterBufferFlaggingOrder(on: node, host: buffer.host, size: buffer.size, log: &log)
    }
  }

  /// Flags a request that carries `BDRV_REQ_REGISTERED_BUF` to a blkio node
  /// that needs memory regions, into a RAMBlock that no registrar's
  /// registration ever reached that node with (U5): no registration by the
  /// registrar of the request's own backend, whose flag it carries.
  mutating func flagUnregisteredNode(
    request: NameID, backend: NameID, node: NameID, host: UInt64
  ) {
    guard let block = ram.block(containingHost: host)?.block else { return }
    let key = RegistrarVisit(
      backend: backend, buffer: NodeBuffer(node: node, host: block.host, size: block.maxLength))
    guard hazards?.registrarVisits[key] == nil else { return }
    let detail =
      formatsHazardDetails
      ? "request '\(requestName(request))' carries BDRV_REQ_REGISTERED_BUF to '\(nodeName(node))', "
        + "on which the registrar of '\(backendName(backend))' never registered RAMBlock '\(block.name)' "
        + "(\(CFormat.pointer(block.host)), \(block.maxLength) bytes)"
      : ""
    hazards?.flag(.unregisteredNode, detail)
  }
}

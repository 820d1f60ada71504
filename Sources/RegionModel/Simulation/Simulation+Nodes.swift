// MARK: - Blkio nodes, format nodes and their children

extension Simulation {
  /// Models `blkio_file_open()` on a fresh instance.
  mutating func open(
    _ id: NameID, driver: BlkioDriverName, overrides: [BlkioPropertyOverride],
    log: inout CallLog
  ) throws(SimulationError) -> Outcome {
    guard !blkioNodes.contains(id.slot) else { throw .nodeAlreadyOpen(nodeName(id)) }
    guard !formatNodes.contains(id.slot) else { throw .nodeExists(nodeName(id)) }
    let properties = BlkioProperties.defaults(for: driver, variant: variant).applying(overrides)
    // QEMU's blkio_refresh_limits() refuses such a device at open; the
    // trace cannot describe one.
    guard properties.maxTransfer % properties.requestAlignment == 0 else {
      throw .maxTransferUnaligned(
        nodeName(id), maxTransfer: properties.maxTransfer,
        alignment: properties.requestAlignment)
    }
    do {
      let node = try BlkioNode.open(
        properties: properties, variant: variant, discard: &discard, memory: &memory, ram: ram,
        watchesHazards: hazards != nil, log: &log)
      blkioNodes.add(node, slot: id.slot)
      openNodeCount += 1
      return .ok
    } catch {
      return .error(error.message)
    }
  }

  /// Models `blkio_close()`; the node must not be in use or busy.
  mutating func close(_ id: NameID, log: inout CallLog) throws(SimulationError) {
    guard let node = blkioNodes[id.slot] else { throw .nodeNotOpen(nodeName(id)) }
    try requireUnused(id)
    guard requestsPerNode[id] == 0 else { throw .nodeHasRequests(nodeName(id)) }
    closeBlkioNode(id, node, log: &log)
  }

  /// Models `blkio_close()` once nothing uses the node: `blkio_destroy()`
  /// drops every mapping without an unmap call and frees what libblkio
  /// allocated, and discard is enabled again if it was disabled at open.
  mutating func closeBlkioNode(_ id: NameID, _ node: consuming BlkioNode, log: inout CallLog) {
    blkioNodes[id.slot] = nil
    openNodeCount -= 1
    // blkio_destroy() frees the ring memory and every allocation left.
    if let ring = node.blkio.ringMemory { memory.release(ring) }
    for region in node.blkio.allocatedRegions { memory.release(region) }
    if hazards != nil { forgetHazardState(of: id) }
    node.close(discard: &discard, log: &log)
    if openNodeCount == 0, discard.disabledCount != 0 {
      hazards?.flag(.discardLeak, "disable count \(discard.disabledCount) after the last close")
    }
  }

  /// Adds a format node.
  mutating func addFormatNode(_ id: NameID, format: FormatNode) throws(SimulationError) {
    guard !nodeExists(id) else { throw .nodeExists(nodeName(id)) }
    formatNodes.insert(format, slot: id.slot)
  }

  /// Removes a format node that nothing uses; its children are detached.
  mutating func removeFormatNode(_ id: NameID) throws(SimulationError) {
    guard formatNodes.contains(id.slot) else {
      throw blkioNodes.contains(id.slot)
        ? .notAFormatNode(nodeName(id)) : .unknownNode(nodeName(id))
    }
    try requireUnused(id)
    guard requestsPerNode[id] == 0 else { throw .nodeHasRequests(nodeName(id)) }
    formatNodes.remove(id.slot)
    graph.detachAllChildren(of: id)
  }

  /// Models `bdrv_attach_child()`: the child goes to the head of the list
  /// (and, in `fixed`, each registrar above hears of it).
  mutating func addChild(
    _ child: NameID, to parent: NameID, role: ChildRole = .unnamed, log: inout CallLog
  ) throws(SimulationError) {
    guard formatNodes.contains(parent.slot) else {
      throw blkioNodes.contains(parent.slot)
        ? .notAFormatNode(nodeName(parent)) : .unknownNode(nodeName(parent))
    }
    guard nodeExists(child) else { throw .unknownNode(nodeName(child)) }
    if role != .unnamed, let holder = graph.child(of: parent, withRole: role) {
      throw .roleTaken(parent: nodeName(parent), role: role.name, by: nodeName(holder))
    }
    do {
      try graph.attach(child: child, to: parent)
    } catch {
      throw graphError(error, parent: parent, child: child)
    }
    graph.setRole(role, of: child, under: parent)
    for backend in registrarsHearing(parent) {
      registrarAttached(backend, node: child, log: &log)
    }
  }

  /// Models `bdrv_unref_child()`'s detach (in `fixed`, each registrar above
  /// hears of it first).
  mutating func removeChild(
    _ child: NameID, from parent: NameID, log: inout CallLog
  ) throws(SimulationError) {
    let listeners =
      variant.registrarFollowsGraph && graph.parentList(of: child).contains(parent)
      ? registrarsHearing(parent) : []
    for backend in listeners { registrarDetached(backend, node: child, log: &log) }
    do {
      try graph.detach(child: child, from: parent)
    } catch {
      throw graphError(error, parent: parent, child: child)
    }
  }

  /// The error of the trace for a graph edit the graph refused, with the
  /// nodes' names.
  func graphError(
    _ refusal: GraphEditRefusal, parent: NameID, child: NameID
  ) -> SimulationError {
    switch refusal {
    case .childExists: .childExists(parent: nodeName(parent), child: nodeName(child))
    case .cycle: .cycle(parent: nodeName(parent), child: nodeName(child))
    case .tooManyAncestors:
      .tooManyAncestors(node: nodeName(parent), limit: BlockGraph.maximumAncestors)
    case .graphTooLarge:
      .graphTooLarge(
        parent: nodeName(parent), child: nodeName(child), limit: BlockGraph.maximumVisits)
    case .notAChild: .notAChild(parent: nodeName(parent), child: nodeName(child))
    }
  }

  /// Refuses to drop a node that a parent or a backend still uses, naming
  /// the first such user by name.
  func requireUnused(_ id: NameID) throws(SimulationError) {
    let parents = graph.parentList(of: id)
    if !parents.isEmpty {
      let first = parents.map(nodeName).min() ?? ""
      throw .nodeInUse(nodeName(id), by: "parent node '\(first)'")
    }
    if rootedBackends[id] > 0 {
      let users = backends.indices.filter { backends[$0]?.root == id }
      let first = users.map { backendName(NameID(Int32($0))) }.min() ?? ""
      throw .nodeInUse(nodeName(id), by: "backend '\(first)'")
    }
  }
}

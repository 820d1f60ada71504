// MARK: - Blkio nodes, format nodes and their children

extension Simulation {
  /// Models `blkio_file_open()` on a fresh instance.
  mutating func open(
    _ name: String, driver: BlkioDriverName, overrides: [BlkioPropertyOverride],
    log: inout CallLog
  ) throws(SimulationError) -> Outcome {
    guard nodes[name] == nil else { throw .nodeAlreadyOpen(name) }
    guard graph.formatNodes[name] == nil else { throw .nodeExists(name) }
    let properties = BlkioProperties.defaults(for: driver).applying(overrides)
    do {
      nodes[name] = try BlkioNode.open(
        properties: properties, variant: variant, discard: &discard, log: &log)
      return .ok
    } catch {
      return .error(error.message)
    }
  }

  /// Models `blkio_close()`; the node must not be in use or busy.
  mutating func close(_ name: String, log: inout CallLog) throws(SimulationError) {
    guard nodes[name] != nil else { throw .nodeNotOpen(name) }
    try requireUnused(name)
    guard !requests.values.contains(where: { $0.node == name }) else {
      throw .nodeHasRequests(name)
    }
    guard let node = nodes.removeValue(forKey: name) else { return }
    liveRegistrations[name] = nil
    node.close(discard: &discard, log: &log)
    if nodes.isEmpty, discard.disabledCount != 0 {
      log.flag(.discardLeak, "disable count \(discard.disabledCount) after the last close")
    }
  }

  /// Adds a format node.
  mutating func addFormatNode(_ name: String, format: FormatNode) throws(SimulationError) {
    guard nodes[name] == nil, graph.formatNodes[name] == nil else { throw .nodeExists(name) }
    graph.formatNodes[name] = format
  }

  /// Removes a format node that nothing uses; its children are detached.
  mutating func removeFormatNode(_ name: String) throws(SimulationError) {
    guard graph.formatNodes[name] != nil else {
      throw nodes[name] == nil ? .unknownNode(name) : .notAFormatNode(name)
    }
    try requireUnused(name)
    graph.formatNodes[name] = nil
    graph.children[name] = nil
  }

  /// Models `bdrv_attach_child()`: the child goes to the head of the list.
  mutating func addChild(_ child: String, to parent: String) throws(SimulationError) {
    guard graph.formatNodes[parent] != nil else {
      throw nodes[parent] == nil ? .unknownNode(parent) : .notAFormatNode(parent)
    }
    guard nodes[child] != nil || graph.formatNodes[child] != nil else {
      throw .unknownNode(child)
    }
    try graph.attach(child: child, to: parent)
  }

  /// Refuses to drop a node that a parent or a backend still uses.
  func requireUnused(_ name: String) throws(SimulationError) {
    if let parent = graph.parents(of: name).first {
      throw .nodeInUse(name, by: "parent node '\(parent)'")
    }
    if let backend = backends.keys.sorted().first(where: { backends[$0]?.root == name }) {
      throw .nodeInUse(name, by: "backend '\(backend)'")
    }
  }

  /// Whether a node of either kind has this name.
  func nodeExists(_ name: String) -> Bool {
    nodes[name] != nil || graph.formatNodes[name] != nil
  }
}

// MARK: - Views by name, for the generator, the tests and tools

extension Simulation {
  /// The names of the requests in flight (not waiting), sorted.
  public var inFlightRequestNames: [String] {
    requests.live.compactMap { request -> String? in
      guard case .inFlight = request.state else { return nil }
      return requestName(request.id)
    }.sorted()
  }

  /// The names of every request in flight or waiting, sorted.
  public var requestNames: [String] {
    requests.live.map { requestName($0.id) }.sorted()
  }

  /// The requests in flight or waiting, with their names.
  public var namedRequests: [(name: String, request: IORequest)] {
    requests.live.map { (requestName($0.id), $0) }.sorted { $0.name < $1.name }
  }

  /// The blkio node named `name`, if open.
  public func blkioNode(named name: String) -> BlkioNode? {
    guard let id = names.nodes.id(of: name) else { return nil }
    return blkioNodes[id.slot]
  }

  /// The names of the open blkio nodes, sorted.
  public var blkioNodeNames: [String] {
    blkioNodes.ids.map(nodeName).sorted()
  }

  /// The names of the format nodes, sorted.
  public var formatNodeNames: [String] {
    formatNodes.slots.map { nodeName(NameID(Int32($0))) }.sorted()
  }

  /// The backends by name, sorted, with their root's name and whether they
  /// have a registrar (and whether it is ok).
  public var namedBackends: [(name: String, root: String?, registrar: RAMRegistrar?)] {
    backends.indices.compactMap { index in
      guard let backend = backends[index] else { return nil }
      return (backendName(NameID(Int32(index))), backend.root.map(nodeName), backend.registrar)
    }.sorted { $0.name < $1.name }
  }

  /// Every node with children, by name, sorted, with its children in list
  /// order (newest first).
  public var childLists: [(parent: String, children: [String])] {
    (0..<graph.nodeCapacity).compactMap { index in
      let id = NameID(Int32(index))
      guard formatNodes.contains(index), graph.hasChildren(id) else {
        return nil
      }
      return (nodeName(id), graph.childList(of: id).map(nodeName))
    }.sorted { $0.parent < $1.parent }
  }
}

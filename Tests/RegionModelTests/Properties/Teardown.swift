import RegionModel

/// Brings a simulated process down in an order the trace format accepts:
/// every request completed, registrars destroyed, roots detached, children
/// detached, then every blkio node closed.
enum Teardown {
  static func closeEverything(_ simulation: inout Simulation) -> Bool {
    // `shutdown` closed every node already, and nothing else may follow.
    if simulation.isShutDown { return true }
    var rounds = 0
    while !simulation.requestNames.isEmpty, rounds < 10_000 {
      rounds += 1
      guard let id = simulation.inFlightRequestNames.first else { return false }
      guard (try? simulation.apply(.complete(request: id, ret: .success))) != nil else {
        return false
      }
    }
    var inputs: [TraceInput] = []
    for backend in simulation.namedBackends {
      if backend.registrar != nil { inputs.append(.registrarDestroy(backend: backend.name)) }
      if backend.root != nil { inputs.append(.backendDetach(backend: backend.name)) }
    }
    for (parent, children) in simulation.childLists {
      inputs += children.map { .childRemove(parent: parent, child: $0) }
    }
    inputs += simulation.blkioNodeNames.map { .close(node: $0) }
    for input in inputs {
      guard (try? simulation.apply(input)) != nil else { return false }
    }
    return simulation.blkioNodeNames.isEmpty
  }
}

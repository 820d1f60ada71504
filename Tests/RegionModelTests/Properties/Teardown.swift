@testable import RegionModel

/// Brings a simulated process down in an order the trace format accepts:
/// every request completed, registrars destroyed, roots detached, children
/// detached, then every blkio node closed.
enum Teardown {
  static func closeEverything(_ simulation: inout Simulation) -> Bool {
    var rounds = 0
    while !simulation.requests.isEmpty, rounds < 10_000 {
      rounds += 1
      let inFlight = simulation.requests.values.filter {
        if case .inFlight = $0.state { true } else { false }
      }.map(\.id).sorted()
      guard let id = inFlight.first else { return false }
      guard (try? simulation.apply(.complete(request: id, ret: .success))) != nil else {
        return false
      }
    }
    var inputs: [TraceInput] = []
    for (name, backend) in simulation.backends.sorted(by: { $0.key < $1.key }) {
      if backend.registrar != nil { inputs.append(.registrarDestroy(backend: name)) }
      if backend.root != nil { inputs.append(.backendDetach(backend: name)) }
    }
    for (parent, children) in simulation.graph.children.sorted(by: { $0.key < $1.key }) {
      inputs += children.map { .childRemove(parent: parent, child: $0) }
    }
    inputs += simulation.nodes.keys.sorted().map { .close(node: $0) }
    for input in inputs {
      guard (try? simulation.apply(input)) != nil else { return false }
    }
    return simulation.nodes.isEmpty
  }
}

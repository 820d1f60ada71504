/// An input that the trace format forbids in the current state: an error of
/// the trace, not of the model. No output is produced for it.
public enum SimulationError: Error, Equatable, Sendable {
  case ramMap(RAMMapError)
  case nodeAlreadyOpen(String)
  case nodeNotOpen(String)
  case noVirtioMemRealized
}

// MARK: - CustomStringConvertible

extension SimulationError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .ramMap(let error): error.description
    case .nodeAlreadyOpen(let node): "node '\(node)' is open already"
    case .nodeNotOpen(let node): "node '\(node)' is not open"
    case .noVirtioMemRealized: "'discard release' with no virtio-mem device realized"
    }
  }
}

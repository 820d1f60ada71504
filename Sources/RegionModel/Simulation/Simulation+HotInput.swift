// MARK: - Applying the hot inputs

extension Simulation {
  /// Applies one of the inputs a large trace is mostly made of, as
  /// ``apply(_:log:)`` applies the same input as an
  /// ``InputRecord`` (the replayer's shortcut: see ``HotInputOf``).
  mutating func applyHot(
    _ input: HotInput, log: inout CallLog
  ) throws(SimulationError) -> Outcome? {
    ensureCapacity()
    // Only `ramblock remove` may follow a shutdown, and it is not hot.
    if isShutDown { throw .afterShutdown }
    let underflowsBefore = discard.underflows
    defer {
      if hazards != nil { checkDiscardCounter(underflowsBefore: underflowsBefore) }
      switch input {
      case .io(let request, _, _, _, _), .complete(let request, _):
        if requests[request.slot] == nil { names.releaseLater(request, in: .request) }
      case .register, .unregister:
        break
      }
    }
    switch input {
    case .register(let node, let host, let size):
      return try register(node, host: host, size: size, log: &log)
    case .unregister(let node, let host, let size):
      try unregister(node, host: host, size: size, log: &log)
    case .io(let request, let kind, let backend, let host, let size):
      try startRequest(
        request, kind: kind, backend: backend, host: host, size: size, offset: 0, log: &log)
    case .complete(let request, let ret):
      try completeRequest(request, ret: ret, log: &log)
    }
    return nil
  }
}

// MARK: - Applying inputs

extension Simulation {
  /// Applies one input and returns what the model did.
  ///
  /// Throws when the trace format forbids the input in this state (see
  /// ``SimulationError``); the checks come before any change.
  public mutating func apply(_ input: TraceInput) throws(SimulationError) -> StepOutput {
    var log = CallLog()
    let result = try apply(input, log: &log)
    return StepOutput(calls: log.calls, result: result, hazards: log.hazards)
  }

  /// Applies one input, appending the model's calls and hazards to `log`;
  /// returns the result for inputs that yield one, nil for the others.
  public mutating func apply(
    _ input: TraceInput, log: inout CallLog
  ) throws(SimulationError) -> Outcome? {
    let disabledBefore = discard.disabledCount
    defer { checkDiscardCounter(before: disabledBefore, log: &log) }
    switch input {
    case .ramblockAdd(let name, let host, let max, let used, let fd, let fileOffset):
      try addRAMBlock(
        name: name, host: host, max: max, used: used, fd: fd, fileOffset: fileOffset, log: &log)
    case .ramblockRemove(let name):
      try removeRAMBlock(name: name, log: &log)
    case .ramblockResize(let name, let used):
      do { try ram.resize(named: name, usedLength: used) } catch { throw .ramMap(error) }
    case .open(let name, let driver, let overrides):
      return try open(name, driver: driver, overrides: overrides, log: &log)
    case .close(let name):
      try close(name, log: &log)
    case .register(let name, let host, let size):
      return try register(name, host: host, size: size, log: &log)
    case .unregister(let name, let host, let size):
      try unregister(name, host: host, size: size, log: &log)
    case .discardRequire:
      return discardRequire()
    case .discardRelease:
      try discardRelease()
    case .nodeAdd(let name, let format):
      try addFormatNode(name, format: format)
    case .nodeRemove(let name):
      try removeFormatNode(name)
    case .childAdd(let parent, let child):
      try addChild(child, to: parent)
    case .childRemove(let parent, let child):
      try graph.detach(child: child, from: parent)
    case .backendAdd(let backend, let root):
      try addBackend(backend, root: root)
    case .backendAttach(let backend, let root):
      try attachRoot(root, to: backend)
    case .backendDetach(let backend):
      try detachRoot(from: backend)
    case .backendRemove(let backend):
      try removeBackend(backend)
    case .registrarAttach(let backend):
      try attachRegistrar(to: backend, log: &log)
    case .registrarDestroy(let backend):
      try destroyRegistrar(of: backend, log: &log)
    case .io(let request, let kind, let backend, let host, let size):
      try startRequest(request, kind: kind, backend: backend, host: host, size: size, log: &log)
    case .complete(let request, let ret):
      try completeRequest(request, ret: ret, log: &log)
    }
    return nil
  }
}

// MARK: - Applying inputs

extension Simulation {
  /// Applies one input given with string names and returns what the model
  /// did, with string names: the public, convenient form of
  /// ``apply(_:log:)``.
  ///
  /// Throws when the trace format forbids the input in this state (see
  /// ``SimulationError``); the checks come before any change.
  public mutating func apply(_ input: TraceInput) throws(SimulationError) -> StepOutput {
    names.flushReleases()
    let record = input.mapNames { space, name in names[space].intern(name) }
    var log = CallLog()
    let result = try apply(record, log: &log)
    let calls = log.calls.map { call in
      call.mapNames { space, id in names.string(id, in: space) }
    }
    return StepOutput(calls: calls, result: result, hazards: hazards?.drain() ?? [])
  }

  /// Applies one input given with string names for its result and hazards
  /// only, without turning the calls back into strings: what the generator
  /// and the shrinker need, at less cost than ``apply(_:)-(TraceInput)``.
  public mutating func applyForHazards(
    _ input: TraceInput
  ) throws(SimulationError) -> (result: Outcome?, hazards: [Hazard]) {
    names.flushReleases()
    let record = input.mapNames { space, name in names[space].intern(name) }
    var log = CallLog()
    let result = try apply(record, log: &log)
    return (result, hazards?.drain() ?? [])
  }

  /// Applies one input, appending the model's calls to `log`; returns the
  /// result for inputs that yield one, nil for the others. Hazards, when
  /// watched, collect in ``hazards``.
  public mutating func apply(
    _ input: InputRecord, log: inout CallLog
  ) throws(SimulationError) -> Outcome? {
    ensureCapacity()
    if isShutDown {
      guard case .ramblockRemove = input else { throw .afterShutdown }
    }
    let underflowsBefore = discard.underflows
    defer {
      if hazards != nil { checkDiscardCounter(underflowsBefore: underflowsBefore) }
      releaseUnusedNames(of: input)
    }
    switch input {
    case .register(let node, let host, let size):
      return try register(node, host: host, size: size, log: &log)
    case .unregister(let node, let host, let size):
      try unregister(node, host: host, size: size, log: &log)
    case .io(let request, let kind, let backend, let host, let size, let offset):
      try startRequest(
        request, kind: kind, backend: backend, host: host, size: size, offset: offset, log: &log)
    case .complete(let request, let ret):
      try completeRequest(request, ret: ret, log: &log)
    case .ramblockAdd(let name, let host, let max, let used, let fd, let fileOffset, let memfd):
      return try addRAMBlock(
        name: name, host: host, max: max, used: used, fd: fd, fileOffset: fileOffset,
        guestMemfd: memfd, log: &log)
    case .ramblockRemove(let name):
      try removeRAMBlock(name: name, log: &log)
    case .ramblockResize(let name, let used):
      do { try ram.resize(named: name, usedLength: used) } catch { throw .ramMap(error) }
    case .open(let node, let driver, let overrides):
      return try open(node, driver: driver, overrides: overrides, log: &log)
    case .close(let node):
      try close(node, log: &log)
    case .discardRequire:
      return discardRequire()
    case .discardRelease:
      try discardRelease()
    case .vfioAttach:
      return vfioAttach(log: &log)
    case .vfioDetach:
      try vfioDetach(log: &log)
    case .balloonInflate(let host):
      balloonInflate(host: host, log: &log)
    case .shutdown:
      try shutdown(log: &log)
    case .nodeAdd(let node, let format):
      try addFormatNode(node, format: format)
    case .nodeRemove(let node):
      try removeFormatNode(node)
    case .nodeReplace(let from, let to):
      try replaceNode(from, by: to, log: &log)
    case .childAdd(let parent, let child, let role):
      try addChild(child, to: parent, role: role, log: &log)
    case .childRemove(let parent, let child):
      try removeChild(child, from: parent, log: &log)
    case .backendAdd(let backend, let root):
      try addBackend(backend, root: root)
    case .backendAttach(let backend, let root):
      try attachRoot(root, to: backend, log: &log)
    case .backendDetach(let backend):
      try detachRoot(from: backend, log: &log)
    case .backendRemove(let backend):
      try removeBackend(backend)
    case .registrarAttach(let backend):
      try attachRegistrar(to: backend, log: &log)
    case .registrarDestroy(let backend):
      try destroyRegistrar(of: backend, log: &log)
    }
    return nil
  }

  /// Marks for release the names an input mentioned that name nothing now
  /// (a failed `open`, a removed node, a finished request), so that the
  /// name tables follow the live entities, not the trace's length.
  mutating func releaseUnusedNames(of input: InputRecord) {
    switch input {
    case .open(let node, _, _), .close(let node), .nodeRemove(let node):
      if !nodeExists(node) { names.releaseLater(node, in: .node) }
    case .backendRemove(let backend):
      if backends[backend.slot] == nil { names.releaseLater(backend, in: .backend) }
    case .io(let request, _, _, _, _, _), .complete(let request, _):
      if requests[request.slot] == nil { names.releaseLater(request, in: .request) }
    default:
      break
    }
  }

  /// Releases the names of entities that went away in earlier steps; the
  /// replayer calls it before it reads the next input.
  public mutating func flushReleasedNames() {
    names.flushReleases()
  }
}

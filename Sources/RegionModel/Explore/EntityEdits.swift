/// The shrinker's edits on whole entities of a scenario: RAMBlocks, nodes,
/// backends and requests.
enum EntityEdits {
  /// Every candidate: each entity dropped with every input that names it,
  /// and each pair of adjacent RAMBlocks merged into one.
  static func candidates(_ inputs: [TraceInput]) -> [[TraceInput]] {
    var result: [[TraceInput]] = []
    var seen: Set<String> = []
    for input in inputs {
      for name in names(in: input) where seen.insert(name).inserted {
        result.append(inputs.filter { !names(in: $0).contains(name) })
      }
    }
    return result + mergedBlocks(inputs)
  }

  /// The names an input mentions, of any kind (a block, node, backend and
  /// request may share a name; dropping by name then drops both, which
  /// the validity check sorts out).
  static func names(in input: TraceInput) -> [String] {
    switch input {
    case .ramblockAdd(let name, _, _, _, _, _), .ramblockRemove(let name),
      .ramblockResize(let name, _):
      [name]
    case .open(let node, _, _), .close(let node), .register(let node, _, _),
      .unregister(let node, _, _), .nodeAdd(let node, _), .nodeRemove(let node):
      [node]
    case .childAdd(let parent, let child), .childRemove(let parent, let child):
      [parent, child]
    case .backendAdd(let backend, let root):
      [backend] + (root.map { [$0] } ?? [])
    case .backendAttach(let backend, let root):
      [backend, root]
    case .backendDetach(let backend), .backendRemove(let backend),
      .registrarAttach(let backend), .registrarDestroy(let backend):
      [backend]
    case .io(let request, _, let backend, _, _):
      [request, backend]
    case .complete(let request, _):
      [request]
    case .discardRequire, .discardRelease:
      []
    }
  }

  /// Scenarios in which two RAMBlocks that touch (one ends where the other
  /// starts) are added as one block with the first one's name and fd.
  static func mergedBlocks(_ inputs: [TraceInput]) -> [[TraceInput]] {
    var result: [[TraceInput]] = []
    for (first, input) in inputs.enumerated() {
      guard case .ramblockAdd(let name, let host, let max, _, let fd, let offset) = input else {
        continue
      }
      for (second, other) in inputs.enumerated() where second != first {
        guard case .ramblockAdd(let otherName, let otherHost, let otherMax, _, _, _) = other,
          otherName != name, otherHost == host &+ max, otherMax <= UInt64.max - max
        else { continue }
        var merged = inputs
        merged[first] = .ramblockAdd(
          name: name, host: host, max: max + otherMax, used: nil, fd: fd, fileOffset: offset)
        let otherInputs = Set(
          inputs.indices.filter { $0 != first && names(in: inputs[$0]).contains(otherName) })
        result.append(
          merged.enumerated().filter { !otherInputs.contains($0.offset) }.map(\.element))
      }
    }
    return result
  }
}

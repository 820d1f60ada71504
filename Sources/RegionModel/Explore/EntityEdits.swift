/// The shrinker's edits on whole entities of a scenario: RAMBlocks, nodes,
/// backends and requests.
enum EntityEdits {
  /// Every candidate: each entity dropped with every input that names it,
  /// each pair of adjacent RAMBlocks merged into one, and each format node
  /// with one child collapsed into that child.
  static func candidates(_ inputs: [TraceInput]) -> [[TraceInput]] {
    var result: [[TraceInput]] = []
    var seen: Set<String> = []
    for input in inputs {
      for name in names(in: input) where seen.insert(name).inserted {
        result.append(inputs.filter { !names(in: $0).contains(name) })
      }
    }
    return result + mergedBlocks(inputs) + collapsedNodes(inputs)
  }

  /// Scenarios in which a format node that only ever gets one child is
  /// dropped and every other mention of it names the child instead.
  static func collapsedNodes(_ inputs: [TraceInput]) -> [[TraceInput]] {
    var result: [[TraceInput]] = []
    for case .nodeAdd(let node, _) in inputs {
      let children = Set(
        inputs.compactMap { input -> String? in
          if case .childAdd(node, let child, _) = input { return child }
          return nil
        })
      guard children.count == 1, let child = children.first else { continue }
      result.append(
        inputs.compactMap { input -> TraceInput? in
          switch input {
          case .nodeAdd(node, _), .nodeRemove(node), .childAdd(node, _, _), .childRemove(node, _):
            return nil
          default:
            return renamed(input, from: node, to: child)
          }
        })
    }
    return result
  }

  /// The input with node name `old` replaced by `new`. Every case is
  /// listed, so that a new input naming a node cannot be missed.
  static func renamed(_ input: TraceInput, from old: String, to new: String) -> TraceInput {
    func swap(_ name: String) -> String { name == old ? new : name }
    switch input {
    case .open(let node, let driver, let overrides):
      return .open(node: swap(node), driver: driver, overrides: overrides)
    case .close(let node):
      return .close(node: swap(node))
    case .nodeAdd(let node, let format):
      return .nodeAdd(node: swap(node), format: format)
    case .nodeRemove(let node):
      return .nodeRemove(node: swap(node))
    case .register(let node, let host, let size):
      return .register(node: swap(node), host: host, size: size)
    case .unregister(let node, let host, let size):
      return .unregister(node: swap(node), host: host, size: size)
    case .childAdd(let parent, let child, let role):
      return .childAdd(parent: swap(parent), child: swap(child), role: role)
    case .childRemove(let parent, let child):
      return .childRemove(parent: swap(parent), child: swap(child))
    case .nodeReplace(let from, let to):
      return .nodeReplace(from: swap(from), to: swap(to))
    case .backendAdd(let backend, let root):
      return .backendAdd(backend: backend, root: root.map(swap))
    case .backendAttach(let backend, let root):
      return .backendAttach(backend: backend, root: swap(root))
    case .ramblockAdd, .ramblockRemove, .ramblockResize, .discardRequire, .discardRelease,
      .vfioAttach, .vfioDetach, .shutdown, .balloonInflate, .backendDetach, .backendRemove,
      .registrarAttach, .registrarDestroy, .io, .complete:
      // No node name in them.
      return input
    }
  }

  /// The names an input mentions, of any kind (a block, node, backend and
  /// request may share a name; dropping by name then drops both, which
  /// the validity check sorts out).
  static func names(in input: TraceInput) -> [String] {
    switch input {
    case .ramblockAdd(let name, _, _, _, _, _, _), .ramblockRemove(let name),
      .ramblockResize(let name, _):
      [name]
    case .open(let node, _, _), .close(let node), .register(let node, _, _),
      .unregister(let node, _, _), .nodeAdd(let node, _), .nodeRemove(let node):
      [node]
    case .childAdd(let parent, let child, _), .childRemove(let parent, let child):
      [parent, child]
    case .nodeReplace(let from, let to):
      [from, to]
    case .backendAdd(let backend, let root):
      [backend] + (root.map { [$0] } ?? [])
    case .backendAttach(let backend, let root):
      [backend, root]
    case .backendDetach(let backend), .backendRemove(let backend),
      .registrarAttach(let backend), .registrarDestroy(let backend):
      [backend]
    case .io(let request, _, let backend, _, _, _):
      [request, backend]
    case .complete(let request, _):
      [request]
    case .discardRequire, .discardRelease, .vfioAttach, .vfioDetach, .balloonInflate, .shutdown:
      []
    }
  }

  /// Scenarios in which two RAMBlocks that touch (one ends where the other
  /// starts) are added as one block with the first one's name and fd.
  static func mergedBlocks(_ inputs: [TraceInput]) -> [[TraceInput]] {
    var result: [[TraceInput]] = []
    for (first, input) in inputs.enumerated() {
      guard case .ramblockAdd(let name, let host, let max, _, let fd, let offset, _) = input else {
        continue
      }
      for (second, other) in inputs.enumerated() where second != first {
        guard case .ramblockAdd(let otherName, let otherHost, let otherMax, _, _, _, _) = other,
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

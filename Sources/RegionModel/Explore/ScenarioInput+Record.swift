// MARK: - Interning a generated input

extension TraceInputOf where Name == ScenarioName {
  /// The input as the model takes it, each name turned into an id by
  /// `id`, in the order ``mapNames(_:)`` visits them (so that a name new to
  /// the model gets the id it would get from the same input with string
  /// names). Written out for the concrete name type: the generic
  /// ``mapNames(_:)`` copied the whole input before it looked at it, and
  /// the generator interns every candidate it makes.
  func record(_ id: (NameSpace, ScenarioName) -> NameID) -> InputRecord {
    switch self {
    case .register(let node, let host, let size):
      return .register(node: id(.node, node), host: host, size: size)
    case .unregister(let node, let host, let size):
      return .unregister(node: id(.node, node), host: host, size: size)
    case .io(let request, let kind, let backend, let host, let size, let offset):
      let requestID = id(.request, request)
      return .io(
        request: requestID, kind: kind, backend: id(.backend, backend), host: host, size: size,
        offset: offset)
    case .complete(let request, let ret):
      return .complete(request: id(.request, request), ret: ret)
    case .ramblockAdd(let name, let host, let max, let used, let fd, let fileOffset, let memfd):
      return .ramblockAdd(
        name: name, host: host, max: max, used: used, fd: fd, fileOffset: fileOffset,
        guestMemfd: memfd)
    case .ramblockRemove(let name):
      return .ramblockRemove(name: name)
    case .ramblockResize(let name, let used):
      return .ramblockResize(name: name, used: used)
    case .open(let node, let driver, let overrides):
      return .open(node: id(.node, node), driver: driver, overrides: overrides)
    case .close(let node):
      return .close(node: id(.node, node))
    case .discardRequire: return .discardRequire
    case .discardRelease: return .discardRelease
    case .vfioAttach: return .vfioAttach
    case .vfioDetach: return .vfioDetach
    case .shutdown: return .shutdown
    case .balloonInflate(let host): return .balloonInflate(host: host)
    case .nodeAdd(let node, let format):
      return .nodeAdd(node: id(.node, node), format: format)
    case .nodeRemove(let node):
      return .nodeRemove(node: id(.node, node))
    case .nodeReplace(let from, let to):
      let fromID = id(.node, from)
      return .nodeReplace(from: fromID, to: id(.node, to))
    case .childAdd(let parent, let child, let role):
      let parentID = id(.node, parent)
      return .childAdd(parent: parentID, child: id(.node, child), role: role)
    case .childRemove(let parent, let child):
      let parentID = id(.node, parent)
      return .childRemove(parent: parentID, child: id(.node, child))
    case .backendAdd(let backend, let root):
      // mapNames(_:) maps the root first.
      let rootID = root.map { id(.node, $0) }
      return .backendAdd(backend: id(.backend, backend), root: rootID)
    case .backendAttach(let backend, let root):
      let backendID = id(.backend, backend)
      return .backendAttach(backend: backendID, root: id(.node, root))
    case .backendDetach(let backend):
      return .backendDetach(backend: id(.backend, backend))
    case .backendRemove(let backend):
      return .backendRemove(backend: id(.backend, backend))
    case .registrarAttach(let backend):
      return .registrarAttach(backend: id(.backend, backend))
    case .registrarDestroy(let backend):
      return .registrarDestroy(backend: id(.backend, backend))
    }
  }
}

/// An input record of a trace as the public API and the generator see it:
/// names as strings.
public typealias TraceInput = TraceInputOf<String>

/// An input record as the replayer hands it to the model: names as ids.
public typealias InputRecord = TraceInputOf<NameID>

/// An input record of a trace: something that happens to the modelled
/// system. `Name` is how nodes, backends and requests are named: strings in
/// the public API, ids on the replay path. RAMBlock names stay strings
/// (they are looked up only by `ramblock remove` and `resize`).
public enum TraceInputOf<Name: Hashable & Sendable>: Hashable, Sendable {
  /// `ramblock add NAME host= max= [used=] [fd=] [fd-offset=]
  /// [guest-memfd=BOOL]`.
  case ramblockAdd(
    name: String, host: UInt64, max: UInt64, used: UInt64?, fd: Int32, fileOffset: UInt64,
    guestMemfd: Bool = false)
  /// `ramblock remove NAME`.
  case ramblockRemove(name: String)
  /// `ramblock resize NAME used=`.
  case ramblockResize(name: String, used: UInt64)
  /// `open NODE driver= [PROPERTY=VALUE ...]`.
  case open(node: Name, driver: BlkioDriverName, overrides: [BlkioPropertyOverride])
  /// `close NODE`.
  case close(node: Name)
  /// `register NODE host= size=`.
  case register(node: Name, host: UInt64, size: UInt64)
  /// `unregister NODE host= size=`.
  case unregister(node: Name, host: UInt64, size: UInt64)
  /// `discard require`: a virtio-mem device is realized.
  case discardRequire
  /// `discard release`: a virtio-mem device is unrealized.
  case discardRelease
  /// `vfio attach`: a VFIO device's type1 container is set up.
  case vfioAttach
  /// `vfio detach`: it goes away.
  case vfioDetach
  /// `shutdown`: QEMU leaves (`qemu_cleanup()`): every request has been
  /// drained, `bdrv_close_all()` takes each BlockBackend's root away and
  /// closes every node, and devices are not unrealized, so registrars stay
  /// on the RAM notifier list. Only `ramblock remove` may follow (memory
  /// backends freed by `user_creatable_cleanup()`).
  case shutdown
  /// `balloon inflate host=ADDR`: virtio-balloon is given the guest page at
  /// `ADDR`.
  case balloonInflate(host: UInt64)
  /// `node add NODE [format=NAME] [clears-flag=BOOL]`: a format or filter
  /// node without register hook.
  case nodeAdd(node: Name, format: FormatNode)
  /// `node remove NODE`.
  case nodeRemove(node: Name)
  /// `node replace FROM TO`: `bdrv_replace_node()`, as a mirror or commit
  /// job's completion or an external snapshot does: every parent of `FROM`
  /// (format nodes and backends) points to `TO` instead.
  case nodeReplace(from: Name, to: Name)
  /// `child add PARENT CHILD [role=ROLE]`: `CHILD` goes to the head of
  /// `PARENT`'s list, in the role given (``ChildRole``).
  case childAdd(parent: Name, child: Name, role: ChildRole = .unnamed)
  /// `child remove PARENT CHILD`.
  case childRemove(parent: Name, child: Name)
  /// `backend add BLK [root=NODE]`.
  case backendAdd(backend: Name, root: Name?)
  /// `backend attach BLK root=NODE`.
  case backendAttach(backend: Name, root: Name)
  /// `backend detach BLK`.
  case backendDetach(backend: Name)
  /// `backend remove BLK`.
  case backendRemove(backend: Name)
  /// `registrar attach BLK`: `blk_ram_registrar_init()`.
  case registrarAttach(backend: Name)
  /// `registrar destroy BLK`: `blk_ram_registrar_destroy()`.
  case registrarDestroy(backend: Name)
  /// `read REQ blk=BLK host=ADDR size=LEN [offset=ADDR]` or `write ...`: a
  /// guest request starts, at byte `offset` of the disk.
  case io(
    request: Name, kind: IOKind, backend: Name, host: UInt64, size: UInt64, offset: UInt64 = 0)
  /// `complete REQ [ret=RET]`: libblkio completes the request.
  case complete(request: Name, ret: ReturnValue)
}

// MARK: - Names

extension TraceInputOf {
  /// The same input with every node, backend and request name mapped by
  /// `transform`, which is told the namespace of each.
  public func mapNames<Other, Failure: Error>(
    _ transform: (NameSpace, Name) throws(Failure) -> Other
  ) throws(Failure) -> TraceInputOf<Other> {
    switch self {
    case .ramblockAdd(let name, let host, let max, let used, let fd, let fileOffset, let memfd):
      return .ramblockAdd(
        name: name, host: host, max: max, used: used, fd: fd, fileOffset: fileOffset,
        guestMemfd: memfd)
    case .ramblockRemove(let name): return .ramblockRemove(name: name)
    case .ramblockResize(let name, let used): return .ramblockResize(name: name, used: used)
    case .open(let node, let driver, let overrides):
      return .open(node: try transform(.node, node), driver: driver, overrides: overrides)
    case .close(let node): return .close(node: try transform(.node, node))
    case .register(let node, let host, let size):
      return .register(node: try transform(.node, node), host: host, size: size)
    case .unregister(let node, let host, let size):
      return .unregister(node: try transform(.node, node), host: host, size: size)
    case .discardRequire: return .discardRequire
    case .discardRelease: return .discardRelease
    case .vfioAttach: return .vfioAttach
    case .vfioDetach: return .vfioDetach
    case .shutdown: return .shutdown
    case .balloonInflate(let host): return .balloonInflate(host: host)
    case .nodeAdd(let node, let format):
      return .nodeAdd(node: try transform(.node, node), format: format)
    case .nodeRemove(let node): return .nodeRemove(node: try transform(.node, node))
    case .nodeReplace(let from, let to):
      return .nodeReplace(from: try transform(.node, from), to: try transform(.node, to))
    case .childAdd(let parent, let child, let role):
      return .childAdd(
        parent: try transform(.node, parent), child: try transform(.node, child), role: role)
    case .childRemove(let parent, let child):
      return .childRemove(
        parent: try transform(.node, parent), child: try transform(.node, child))
    case .backendAdd(let backend, let root):
      let mappedRoot: Other?
      if let root { mappedRoot = try transform(.node, root) } else { mappedRoot = nil }
      return .backendAdd(backend: try transform(.backend, backend), root: mappedRoot)
    case .backendAttach(let backend, let root):
      return .backendAttach(
        backend: try transform(.backend, backend), root: try transform(.node, root))
    case .backendDetach(let backend):
      return .backendDetach(backend: try transform(.backend, backend))
    case .backendRemove(let backend):
      return .backendRemove(backend: try transform(.backend, backend))
    case .registrarAttach(let backend):
      return .registrarAttach(backend: try transform(.backend, backend))
    case .registrarDestroy(let backend):
      return .registrarDestroy(backend: try transform(.backend, backend))
    case .io(let request, let kind, let backend, let host, let size, let offset):
      return .io(
        request: try transform(.request, request), kind: kind,
        backend: try transform(.backend, backend), host: host, size: size, offset: offset)
    case .complete(let request, let ret):
      return .complete(request: try transform(.request, request), ret: ret)
    }
  }
}

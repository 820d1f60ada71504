/// One output of the model other than a result: a call the driver makes
/// out of itself (into libblkio or the RAM-discard manager), or an event of
/// the layers around it (a request submitted, waiting or done; a message
/// QEMU reports; a fault libblkio would abort on). The ordered list of these
/// is the model's output.
public typealias Call = CallOf<String>

/// A call as the model records it on the replay path: names and messages
/// as ids, so that it is plain memory (copied and destroyed without
/// touching a reference count or the type's value witnesses).
public typealias CallRecord = CallOf<NameID>

/// One output of the model: see ``Call``. `Name` names requests and nodes,
/// and holds the text of `report` and `fault`.
public enum CallOf<Name: Hashable & Sendable>: Hashable, Sendable {
  /// `blkio_map_mem_region()` with the region and what it returned.
  case map(MemRegion, ReturnValue)
  /// `blkio_unmap_mem_region()` with the region.
  case unmap(MemRegion)
  /// `ram_block_discard_disable(true)` and what it returned.
  case discardDisable(ReturnValue)
  /// `ram_block_discard_disable(false)`.
  case discardEnable
  /// `ram_block_uncoordinated_discard_disable(true)` (a VFIO container)
  /// and what it returned.
  case uncoordinatedDiscardDisable(ReturnValue)
  /// `ram_block_uncoordinated_discard_disable(false)`.
  case uncoordinatedDiscardEnable
  /// `ram_block_discard_range()`: virtio-balloon gives a page back.
  case discardRange(addr: UInt64, len: UInt64)
  /// `blkio_alloc_mem_region()`: the region it produced (addr and fd are 0
  /// and -1 when it failed) and what it returned.
  case alloc(MemRegion, ReturnValue)
  /// `blkio_free_mem_region()` with the region.
  case free(MemRegion)
  /// `blkioq_readv()`/`blkioq_writev()`: the buffer libblkio receives for
  /// request `request` on node `node`, the guest's own or a bounce buffer.
  case submit(request: Name, node: Name, buffer: IOBuffer)
  /// The request waits in the node's queue for bounce-buffer space.
  case wait(request: Name, node: Name)
  /// The request returned to its issuer with `ret`.
  case done(request: Name, ret: ReturnValue)
  /// `error_report()`: a message QEMU prints (the registrar's failure).
  /// The message is a `Name` too (an id in ``NameSpace/message`` on the
  /// replay path), so that a ``CallRecord`` holds no `String`.
  case report(Name)
  /// A call libblkio answers by aborting the process (an assertion of its
  /// own); the model records it and carries on as if the call did nothing.
  case fault(Name)
}

// MARK: - Names

extension CallOf {
  /// The same call with its request and node names mapped by `transform`.
  public func mapNames<Other>(_ transform: (NameSpace, Name) -> Other) -> CallOf<Other> {
    switch self {
    case .map(let region, let ret): .map(region, ret)
    case .unmap(let region): .unmap(region)
    case .discardDisable(let ret): .discardDisable(ret)
    case .discardEnable: .discardEnable
    case .uncoordinatedDiscardDisable(let ret): .uncoordinatedDiscardDisable(ret)
    case .uncoordinatedDiscardEnable: .uncoordinatedDiscardEnable
    case .discardRange(let addr, let len): .discardRange(addr: addr, len: len)
    case .alloc(let region, let ret): .alloc(region, ret)
    case .free(let region): .free(region)
    case .submit(let request, let node, let buffer):
      .submit(request: transform(.request, request), node: transform(.node, node), buffer: buffer)
    case .wait(let request, let node):
      .wait(request: transform(.request, request), node: transform(.node, node))
    case .done(let request, let ret): .done(request: transform(.request, request), ret: ret)
    case .report(let message): .report(transform(.message, message))
    case .fault(let message): .fault(transform(.message, message))
    }
  }
}

/// An input that the trace format forbids in the current state: an error of
/// the trace, not of the model. No output is produced for it.
public enum SimulationError: Error, Equatable, Sendable {
  case ramMap(RAMMapError)
  case nodeAlreadyOpen(String)
  case nodeNotOpen(String)
  case noVirtioMemRealized
  case noVFIOAttached
  case blockOverAllocation(block: String, region: MemRegion)
  case blockUsesAllocatedFD(block: String, fd: Int32)
  case nodeExists(String)
  case unknownNode(String)
  case notAFormatNode(String)
  case nodeInUse(String, by: String)
  case nodeHasRequests(String)
  case childExists(parent: String, child: String)
  case notAChild(parent: String, child: String)
  case cycle(parent: String, child: String)
  case graphTooLarge(parent: String, child: String, limit: Int)
  case tooManyAncestors(node: String, limit: Int)
  case backendExists(String)
  case unknownBackend(String)
  case backendHasRoot(String)
  case backendHasNoRoot(String)
  case backendHasRegistrar(String)
  case backendHasNoRegistrar(String)
  case requestExists(String)
  case unknownRequest(String)
  case requestWaiting(String)
  case requestReachesNoBlkioNode(request: String, node: String)
  case requestTooLarge(String, size: UInt64)
  case requestPastDiskLimit(String, offset: UInt64, size: UInt64)
  case backendNotDrained(backend: String, request: String)
  case shutdownNotDrained(request: String)
  case afterShutdown
  case replaceBySelf(String)
  case roleTaken(parent: String, role: String, by: String)
  case maxTransferUnaligned(String, maxTransfer: UInt64, alignment: UInt64)
}

// MARK: - CustomStringConvertible

extension SimulationError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .ramMap(let error): error.description
    case .nodeAlreadyOpen(let node): "node '\(node)' is open already"
    case .nodeNotOpen(let node): "node '\(node)' is not open"
    case .noVirtioMemRealized: "'discard release' with no virtio-mem device realized"
    case .noVFIOAttached: "'vfio detach' with no VFIO container attached"
    case .blockOverAllocation(let block, let region):
      "RAMBlock '\(block)' lies over memory libblkio allocated at \(CFormat.hex(region.addr)) "
        + "(len \(CFormat.hex(region.len))): a process never maps two things at one address"
    case .blockUsesAllocatedFD(let block, let fd):
      "RAMBlock '\(block)' uses fd \(fd), which a libblkio allocation holds open: a process "
        + "never has two files on one fd"
    case .nodeExists(let node): "a node named '\(node)' exists already"
    case .unknownNode(let node): "there is no node named '\(node)'"
    case .notAFormatNode(let node):
      "node '\(node)' is a blkio node, which has no children (use 'close' to remove it)"
    case .nodeInUse(let node, let user): "node '\(node)' is still used by \(user)"
    case .nodeHasRequests(let node): "node '\(node)' has requests in flight or waiting"
    case .childExists(let parent, let child): "'\(child)' is a child of '\(parent)' already"
    case .notAChild(let parent, let child): "'\(child)' is not a child of '\(parent)'"
    case .cycle(let parent, let child):
      "making '\(child)' a child of '\(parent)' would close a cycle"
    case .graphTooLarge(let parent, let child, let limit):
      "making '\(child)' a child of '\(parent)' would let one registration visit more than "
        + "\(limit) nodes"
    case .tooManyAncestors(let node, let limit):
      "node '\(node)' has more than \(limit) ancestors, the most a node whose children change "
        + "may have"
    case .backendExists(let backend): "a backend named '\(backend)' exists already"
    case .unknownBackend(let backend): "there is no backend named '\(backend)'"
    case .backendHasRoot(let backend): "backend '\(backend)' has a root node already"
    case .backendHasNoRoot(let backend): "backend '\(backend)' has no root node"
    case .backendHasRegistrar(let backend): "backend '\(backend)' has a registrar"
    case .backendHasNoRegistrar(let backend): "backend '\(backend)' has no registrar"
    case .requestExists(let request): "request '\(request)' is still in flight or waiting"
    case .unknownRequest(let request): "there is no request '\(request)' in flight"
    case .requestWaiting(let request):
      "request '\(request)' is waiting for a bounce buffer; only a request in flight completes"
    case .requestReachesNoBlkioNode(let request, let node):
      "request '\(request)' reaches node '\(node)', which has no child and is not a blkio node"
    case .requestPastDiskLimit(let request, let offset, let size):
      "request '\(request)' reaches past \(CFormat.hex(RequestPadding.maximumEnd)) "
        + "(BDRV_MAX_LENGTH) with offset \(CFormat.hex(offset)) and size \(CFormat.hex(size)): "
        + "no guest request gets that far"
    case .requestTooLarge(let request, let size):
      "request '\(request)' has size \(size), more than QEMU's request limit of "
        + "\(IORequest.maximumSize) bytes"
    case .backendNotDrained(let backend, let request):
      "request '\(request)' of backend '\(backend)' is in flight or waiting: "
        + "virtio_blk_device_unrealize() drains the backend (blk_drain()) before it destroys "
        + "the registrar, so complete the request first"
    case .shutdownNotDrained(let request):
      "request '\(request)' is in flight or waiting: QEMU drains every request "
        + "(bdrv_drain_all()) before bdrv_close_all(), so complete it first"
    case .replaceBySelf(let node): "node '\(node)' cannot replace itself"
    case .maxTransferUnaligned(let node, let maxTransfer, let alignment):
      "node '\(node)': max-transfer=\(maxTransfer) is not a multiple of its request alignment "
        + "\(alignment); QEMU refuses such a device (invalid \"max-transfer\" value)"
    case .roleTaken(let parent, let role, let holder):
      "node '\(parent)' has a \(role) child already, '\(holder)'"
    case .afterShutdown:
      "after 'shutdown' only 'ramblock remove' may follow (the memory backends that "
        + "user_creatable_cleanup() frees)"
    }
  }
}

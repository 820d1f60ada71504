/// The open blkio nodes, by node id, holding state for those nodes only.
///
/// Blkio and format nodes share one id space, and a graph can have many
/// format nodes and few blkio nodes (QEMU's `BDRVBlkioState` exists only
/// for nodes opened by `blkio_file_open()`), so the nodes are kept
/// back to back and a position table maps ids to them. The position table
/// covers ids up to the largest one ever opened: a trace without blkio
/// nodes allocates nothing here.
struct BlkioNodeTable: Sendable {
  /// Each id's index into ``nodes``, or -1; only as long as the largest
  /// id opened needs.
  private var positions: [Int32]
  /// The open nodes, back to back (optional only so that an access can
  /// yield one in place and close it by setting nil).
  private var nodes: [BlkioNode?]
  /// The id of each entry of ``nodes``.
  private var owners: [NameID]

  /// No node open.
  init() {
    positions = []
    nodes = []
    owners = []
  }

  /// Removes every node, keeping the storage.
  mutating func removeAll() {
    positions.removeAll(keepingCapacity: true)
    nodes.removeAll(keepingCapacity: true)
    owners.removeAll(keepingCapacity: true)
  }

  /// How many nodes are open.
  var count: Int { nodes.count }

  /// The ids of the open nodes, in no particular order.
  var ids: [NameID] { owners }

  /// The index into ``nodes`` of the node with id slot `slot`, or -1.
  @inline(__always) private func position(_ slot: Int) -> Int {
    slot < positions.count ? Int(positions[slot]) : -1
  }

  /// Whether the id whose slot is `slot` is an open node. Asking
  /// `self[slot] != nil` instead copies the whole node out (and retains
  /// its storage) to look at it.
  func contains(_ slot: Int) -> Bool { position(slot) >= 0 }

  /// Whether the node whose id's slot is `slot` needs memory regions, read
  /// in place (a copy of the node out would retain and release each of its
  /// arrays), or nil if there is no such node.
  func needsMemRegions(_ slot: Int) -> Bool? {
    let index = position(slot)
    guard index >= 0 else { return nil }
    return nodes.withUnsafeBufferPointer { $0[index]?.needsMemRegions }
  }

  /// Whether the node whose id's slot is `slot` leaves buffers alone
  /// (``BlkioNode/skipsRegistration``), read in place, or nil if there is
  /// no such node.
  func skipsRegistration(_ slot: Int) -> Bool? {
    let index = position(slot)
    guard index >= 0 else { return nil }
    return nodes.withUnsafeBufferPointer { $0[index]?.skipsRegistration }
  }

  /// Whether one region mapped on the node whose id's slot is `slot`
  /// holds all of `[host, host + size)`, read in place, or nil if there is
  /// no such node.
  func mapsAll(_ slot: Int, host: UInt64, size: UInt64) -> Bool? {
    let index = position(slot)
    guard index >= 0 else { return nil }
    return nodes.withUnsafeBufferPointer {
      $0[index]?.blkio.mapped.hasElementCoveringWrapping(start: host, length: size)
    }
  }

  /// The request alignment (``BlkioProperties/requestAlignment``) of the
  /// node whose id's slot is `slot`, read in place, or nil if there is no
  /// such node.
  func requestAlignment(_ slot: Int) -> UInt64? {
    let index = position(slot)
    guard index >= 0 else { return nil }
    // One optional chain read in place: binding the node first copies it.
    return nodes.withUnsafeBufferPointer { $0[index]?.blkio.properties.requestAlignment }
  }

  /// The largest fragment a request to the node whose id's slot is `slot`
  /// is split into (``BlkioProperties/fragmentLimit``), read in place, or
  /// nil if there is no such node.
  func fragmentLimit(_ slot: Int) -> UInt64? {
    let index = position(slot)
    guard index >= 0 else { return nil }
    return nodes.withUnsafeBufferPointer { $0[index]?.blkio.properties.fragmentLimit }
  }

  /// The node whose id's slot is `slot`, or nil; setting nil closes it.
  /// Changes go to the stored node in place, so a node's state is never
  /// copied by an access.
  subscript(slot: Int) -> BlkioNode? {
    get {
      let index = position(slot)
      return index < 0 ? nil : nodes[index]
    }
    set {
      let index = position(slot)
      if index >= 0 {
        if let newValue { nodes[index] = newValue } else { remove(at: index, slot: slot) }
      } else if let newValue {
        insert(newValue, slot: slot)
      }
    }
    _modify {
      let index = position(slot)
      if index >= 0 {
        defer { if nodes[index] == nil { remove(at: index, slot: slot) } }
        yield &nodes[index]
      } else {
        var added: BlkioNode? = nil
        defer { if let added { insert(added, slot: slot) } }
        yield &added
      }
    }
  }

  /// Runs `body` on the open node whose id's slot is `slot`, in place,
  /// and returns what it returns, or nil (without running it) if there is
  /// no such node. The hot paths use this rather than the subscript, whose
  /// accessor frame is allocated on the heap for each access.
  @inline(__always)
  mutating func update<Result, Failure: Error>(
    _ slot: Int, _ body: (inout BlkioNode) throws(Failure) -> Result
  ) throws(Failure) -> Result? {
    let index = position(slot)
    guard index >= 0 else { return nil }
    return try nodes.withUnsafeMutableBufferPointer { (buffer) throws(Failure) -> Result? in
      // Every entry a position points at holds a node (only the
      // subscript's accessor leaves one nil for a moment, and removes it):
      // comparing it with nil copied the whole node out first.
      // Unwrapped in place: taking the node out and putting it back (with
      // `take()` and a `defer`) crashed the release build of Swift 6.3
      // with a corrupted node.
      // swift-format-ignore: NeverForceUnwrap
      return try body(&buffer[index]!)
    }
  }

  /// Runs `body` on the open node whose id's slot is `slot` and returns
  /// what it returns, or nil if there is no such node. The node is bound
  /// (a copy, its arrays retained), so the hot paths read single fields
  /// through an optional chain instead (``needsMemRegions(_:)``).
  @inline(__always)
  func read<Result>(_ slot: Int, _ body: (borrowing BlkioNode) -> Result) -> Result? {
    let index = position(slot)
    guard index >= 0 else { return nil }
    return nodes.withUnsafeBufferPointer { buffer in
      guard let node = buffer[index] else { return nil }
      return body(node)
    }
  }

  /// Adds `node` as the node whose id's slot is `slot`, which holds none:
  /// the node is moved in, where the subscript's setter bound a copy of
  /// it first.
  mutating func add(_ node: consuming BlkioNode, slot: Int) {
    precondition(position(slot) < 0, "rule: a node is opened on a free id")
    insert(node, slot: slot)
  }

  private mutating func insert(_ node: consuming BlkioNode, slot: Int) {
    if positions.count <= slot {
      positions.append(contentsOf: repeatElement(-1, count: slot + 1 - positions.count))
    }
    positions[slot] = Int32(nodes.count)
    nodes.append(consume node)
    owners.append(NameID(Int32(slot)))
  }

  /// Removes entry `index` (id slot `slot`) by moving the last entry into
  /// its place.
  private mutating func remove(at index: Int, slot: Int) {
    let last = nodes.count - 1
    if index != last {
      nodes.swapAt(index, last)
      owners.swapAt(index, last)
      positions[owners[index].slot] = Int32(index)
    }
    nodes.removeLast()
    owners.removeLast()
    positions[slot] = -1
  }
}

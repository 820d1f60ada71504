/// The block graph: the child lists of every node, by node id.
///
/// Models the parts of QEMU's `BlockDriverState` graph that registration and
/// request routing use: `bs->children`, in list order. QEMU inserts a new
/// child at the head of the list (`bdrv_attach_child_noperm()`), so the
/// newest child comes first; the model appends and reads backwards. A node
/// may have several parents.
///
/// Each node's ``visits`` (how many nodes one `bdrv_register_buf()` from
/// it visits, counting every path) is kept up to date on every edit by
/// walking the ancestors of the edited node, so no edit recomputes the
/// whole graph.
public struct BlockGraph: Sendable {
  /// Each node's children, oldest first (list order is the reverse).
  var children: [[NameID]]
  /// Each node's parents, in no particular order.
  var parents: [[NameID]]
  /// Each node's visit count: itself plus every path below it.
  var visits: [Int32]

  /// An empty graph.
  public init() {
    children = []
    parents = []
    visits = []
  }

  /// The most nodes one `bdrv_register_buf()` may visit. QEMU has no such
  /// limit; the model has one so that no trace can make a registration run
  /// for ever or recurse past the stack (a graph of shared nodes can have
  /// exponentially many paths).
  public static var maximumVisits: Int { 1024 }

  /// The most ancestors a node may have when a child is attached to or
  /// detached from it: each edit updates the visit counts of every
  /// ancestor, and this keeps the edit's cost bounded.
  public static var maximumAncestors: Int { 1024 }

  /// Covers node ids below `capacity`.
  mutating func ensureCapacity(_ capacity: Int) {
    while children.count < capacity {
      children.append([])
      parents.append([])
      visits.append(1)
    }
  }
}

// MARK: - Reading

extension BlockGraph {
  /// The children of `node` in list order (newest first).
  func childList(of node: NameID) -> ReversedCollection<[NameID]> {
    children[node.slot].reversed()
  }

  /// Whether `node` has a child.
  func hasChildren(_ node: NameID) -> Bool { !children[node.slot].isEmpty }

  /// The parents of `node`, in no particular order.
  func parentList(of node: NameID) -> [NameID] { parents[node.slot] }

  /// Whether `target` can be reached from `start` by following children.
  /// Bounded: at most ``maximumVisits`` nodes lie below any node.
  func reaches(_ start: NameID, _ target: NameID) -> Bool {
    var stack = [start]
    var seen: Set<NameID> = []
    while let node = stack.popLast() {
      if node == target { return true }
      if seen.insert(node).inserted { stack.append(contentsOf: children[node.slot]) }
    }
    return false
  }

  /// The ancestors of `node` (itself included) in an order where every
  /// node comes after all its descendants among them, with the number of
  /// paths from each to `node`; nil if there are more than
  /// ``maximumAncestors``.
  func ancestorPaths(of node: NameID) -> [(NameID, Int)]? {
    // Collect the ancestors.
    var found: [NameID: Int] = [node: 0]
    var order: [NameID] = [node]
    var cursor = 0
    while cursor < order.count {
      for parent in parents[order[cursor].slot] where found[parent] == nil {
        found[parent] = order.count
        order.append(parent)
        if order.count > Self.maximumAncestors + 1 { return nil }
      }
      cursor += 1
    }
    // Count paths in topological order (descendants first): Kahn's
    // algorithm over the edges among the ancestors.
    var pending = [Int](repeating: 0, count: order.count)
    for (index, ancestor) in order.enumerated() {
      pending[index] = children[ancestor.slot].count { found[$0] != nil }
    }
    var paths = [Int](repeating: 0, count: order.count)
    paths[0] = 1
    var ready = [0]
    var result: [(NameID, Int)] = []
    while let index = ready.popLast() {
      result.append((order[index], paths[index]))
      for parent in parents[order[index].slot] {
        guard let parentIndex = found[parent] else { continue }
        paths[parentIndex] = min(paths[parentIndex] + paths[index], Self.maximumVisits + 1)
        pending[parentIndex] -= 1
        if pending[parentIndex] == 0 { ready.append(parentIndex) }
      }
    }
    return result
  }
}

// MARK: - Editing

extension BlockGraph {
  /// Attaches `child` at the head of `parent`'s child list; refuses a
  /// repeated edge, a cycle, and a graph in which one registration would
  /// visit more than ``maximumVisits`` nodes.
  mutating func attach(child: NameID, to parent: NameID, names: Names) throws(SimulationError) {
    let parentName = { names.string(parent, in: .node) }
    let childName = { names.string(child, in: .node) }
    guard !children[parent.slot].contains(child) else {
      throw .childExists(parent: parentName(), child: childName())
    }
    guard !reaches(child, parent) else { throw .cycle(parent: parentName(), child: childName()) }
    guard let ancestors = ancestorPaths(of: parent) else {
      throw .tooManyAncestors(node: parentName(), limit: Self.maximumAncestors)
    }
    let added = Int(visits[child.slot])
    for (ancestor, paths) in ancestors
    where Int(visits[ancestor.slot]) + paths * added > Self.maximumVisits {
      throw .graphTooLarge(parent: parentName(), child: childName(), limit: Self.maximumVisits)
    }
    for (ancestor, paths) in ancestors { visits[ancestor.slot] += Int32(paths * added) }
    children[parent.slot].append(child)
    parents[child.slot].append(parent)
  }

  /// Detaches `child` from `parent`.
  mutating func detach(child: NameID, from parent: NameID, names: Names) throws(SimulationError) {
    guard let index = children[parent.slot].lastIndex(of: child) else {
      throw .notAChild(
        parent: names.string(parent, in: .node), child: names.string(child, in: .node))
    }
    guard let ancestors = ancestorPaths(of: parent) else {
      throw .tooManyAncestors(node: names.string(parent, in: .node), limit: Self.maximumAncestors)
    }
    let removed = visits[child.slot]
    for (ancestor, paths) in ancestors { visits[ancestor.slot] -= Int32(paths) * removed }
    children[parent.slot].remove(at: index)
    if let back = parents[child.slot].lastIndex(of: parent) {
      parents[child.slot].remove(at: back)
    }
  }

  /// Detaches every child of `node`, which has no parent (it is being
  /// removed).
  mutating func detachAllChildren(of node: NameID) {
    for child in children[node.slot] {
      if let back = parents[child.slot].lastIndex(of: node) { parents[child.slot].remove(at: back) }
    }
    children[node.slot] = []
    visits[node.slot] = 1
  }
}

// MARK: - Invariants

extension BlockGraph {
  /// Checks that parent and child lists mirror each other and that every
  /// visit count is one plus its children's; traps naming the broken rule.
  public func checkInvariants() {
    for node in children.indices {
      var total: Int32 = 1
      for child in children[node] {
        precondition(
          parents[child.slot].contains(NameID(Int32(node))),
          "BlockGraph: a child does not list its parent")
        total += visits[child.slot]
      }
      precondition(total == visits[node], "BlockGraph: a stale visit count")
      for parent in parents[node] {
        precondition(
          children[parent.slot].contains(NameID(Int32(node))),
          "BlockGraph: a parent does not list its child")
      }
    }
  }
}

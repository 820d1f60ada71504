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
/// whole graph. A node with at most one child and one parent costs twelve
/// bytes and no allocation (``AdjacencyLists``), and an edit next to a
/// node without parents or children allocates nothing.
public struct BlockGraph: Sendable {
  /// Each node's children, oldest first (list order is the reverse).
  var children: AdjacencyLists
  /// Each node's parents, in no particular order.
  var parents: AdjacencyLists
  /// Each node's visit count: itself plus every path below it.
  var visits: [Int32]
  /// The named roles of edges (`file`, `data-file`, `backing`); an edge
  /// not here is `unnamed`.
  var roles: [Edge: ChildRole]
  /// How many edges hold each role, by raw value (`unnamed` not counted):
  /// a role no edge holds is answered without hashing an edge.
  var roleCounts: [Int32]
  /// How many nodes the edits' walks (cycle checks and ancestor updates)
  /// have visited: the tests hold each edit's share to the size of its
  /// neighbourhood, not of the graph.
  public private(set) var walkedNodes: Int

  /// An empty graph.
  public init() {
    children = AdjacencyLists()
    parents = AdjacencyLists()
    visits = []
    roles = [:]
    roleCounts = [Int32](repeating: 0, count: ChildRole.allCases.count)
    walkedNodes = 0
  }

  /// Removes every node and edge, as a new graph, keeping the storage.
  mutating func removeAll() {
    children.removeAll()
    parents.removeAll()
    visits.removeAll(keepingCapacity: true)
    roles.removeAll(keepingCapacity: true)
    for role in roleCounts.indices { roleCounts[role] = 0 }
    walkedNodes = 0
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

  /// Covers node ids below `capacity`, and some more: a trace that adds
  /// millions of nodes grows the lists in steps, not once per node.
  mutating func ensureCapacity(_ capacity: Int) {
    guard visits.count < capacity else { return }
    let covered = max(capacity, visits.count + visits.count / 8 + 64)
    children.ensureCapacity(covered)
    parents.ensureCapacity(covered)
    visits.append(contentsOf: repeatElement(1, count: covered - visits.count))
  }

  /// How many node ids the graph covers (some may not be in use).
  var nodeCapacity: Int { visits.count }

  /// How many times the child and parent lists' storage was found shared
  /// by an edit and duplicated: 0 when the graph is edited in place.
  public var copiesOnWrite: Int { children.copiesOnWrite + parents.copiesOnWrite }
}

// MARK: - Reading

extension BlockGraph {
  /// The children of `node` in list order (newest first).
  func childList(of node: NameID) -> ReversedCollection<NodeList> {
    children[node.slot].reversed()
  }

  /// Whether `node` has a child.
  func hasChildren(_ node: NameID) -> Bool { !children.isEmpty(node.slot) }

  /// The parents of `node`, in no particular order.
  func parentList(of node: NameID) -> NodeList { parents[node.slot] }

  /// Whether `target` can be reached from `start` by following children,
  /// and how many nodes the search visited. Bounded: at most
  /// ``maximumVisits`` nodes lie below any node.
  func reaches(_ start: NameID, _ target: NameID) -> (found: Bool, visited: Int) {
    // A childless start (a node being attached for the first time) needs
    // no search, and no allocation.
    if children.isEmpty(start.slot) { return (start == target, 1) }
    var stack = [start]
    var seen: Set<NameID> = []
    var visited = 0
    while let node = stack.popLast() {
      visited += 1
      if node == target { return (true, visited) }
      if seen.insert(node).inserted { stack.append(contentsOf: children[node.slot]) }
    }
    return (false, visited)
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
  mutating func attach(child: NameID, to parent: NameID) throws(GraphEditRefusal) {
    guard !children.contains(child, in: parent.slot) else { throw .childExists }
    let (cycle, visited) = reaches(child, parent)
    walkedNodes += visited
    guard !cycle else { throw .cycle }
    let added = Int(visits[child.slot])
    if parents.isEmpty(parent.slot) {
      // The parent is its only ancestor, by one path: no walk needed.
      walkedNodes += 1
      guard Int(visits[parent.slot]) + added <= Self.maximumVisits else { throw .graphTooLarge }
      visits[parent.slot] += Int32(added)
    } else {
      guard let ancestors = ancestorPaths(of: parent) else { throw .tooManyAncestors }
      walkedNodes += ancestors.count
      for (ancestor, paths) in ancestors
      where Int(visits[ancestor.slot]) + paths * added > Self.maximumVisits {
        throw .graphTooLarge
      }
      for (ancestor, paths) in ancestors { visits[ancestor.slot] += Int32(paths * added) }
    }
    children.append(child, to: parent.slot)
    parents.append(parent, to: child.slot)
  }

  /// Detaches `child` from `parent`.
  mutating func detach(child: NameID, from parent: NameID) throws(GraphEditRefusal) {
    guard children.contains(child, in: parent.slot) else { throw .notAChild }
    let removed = visits[child.slot]
    if parents.isEmpty(parent.slot) {
      walkedNodes += 1
      visits[parent.slot] -= removed
    } else {
      guard let ancestors = ancestorPaths(of: parent) else { throw .tooManyAncestors }
      walkedNodes += ancestors.count
      for (ancestor, paths) in ancestors { visits[ancestor.slot] -= Int32(paths) * removed }
    }
    children.removeLast(child, from: parent.slot)
    parents.removeLast(parent, from: child.slot)
    dropRole(of: child, under: parent)
  }

  /// Detaches every child of `node`, which has no parent (it is being
  /// removed).
  mutating func detachAllChildren(of node: NameID) {
    for child in children[node.slot] {
      parents.removeLast(node, from: child.slot)
      dropRole(of: child, under: node)
    }
    children.removeAll(node.slot)
    visits[node.slot] = 1
  }
}

// MARK: - Invariants

extension BlockGraph {
  /// Checks that parent and child lists mirror each other, that every
  /// visit count is one plus its children's and that the role counts are
  /// those of the roles held; traps naming the broken rule.
  public func checkInvariants() {
    for node in 0..<nodeCapacity {
      var total: Int32 = 1
      for child in children[node] {
        precondition(
          parents.contains(NameID(Int32(node)), in: child.slot),
          "BlockGraph: a child does not list its parent")
        total += visits[child.slot]
      }
      precondition(total == visits[node], "BlockGraph: a stale visit count")
      for parent in parents[node] {
        precondition(
          children.contains(NameID(Int32(node)), in: parent.slot),
          "BlockGraph: a parent does not list its child")
      }
    }
    for role in ChildRole.allCases {
      let holders = roles.values.count { $0 == role }
      precondition(Int(roleCounts[Int(role.rawValue)]) == holders, "BlockGraph: a stale role count")
    }
  }
}

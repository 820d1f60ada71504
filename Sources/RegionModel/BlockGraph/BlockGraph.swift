/// The block graph above the blkio nodes: format nodes and the child lists
/// of every node.
///
/// Models the parts of QEMU's `BlockDriverState` graph that registration and
/// request routing use: `bs->children`, in list order. QEMU inserts a new
/// child at the head of the list (`bdrv_attach_child_noperm()`), so the
/// newest child comes first. A node may have several parents.
public struct BlockGraph: Hashable, Sendable {
  /// The format nodes, by name.
  public internal(set) var formatNodes: [String: FormatNode]
  /// Each node's children in list order (newest first).
  public internal(set) var children: [String: [String]]

  /// An empty graph.
  public init() {
    formatNodes = [:]
    children = [:]
  }

  /// The most nodes one `bdrv_register_buf()` may visit. QEMU has no such
  /// limit; the model has one so that no trace can make a registration run
  /// for ever or recurse past the stack (a graph of shared nodes can have
  /// exponentially many paths).
  public static var maximumVisits: Int { 1024 }
}

// MARK: - Reading

extension BlockGraph {
  /// The children of `node` in list order.
  public func childList(of node: String) -> [String] {
    children[node] ?? []
  }

  /// The parents of `node`, in no particular order.
  public func parents(of node: String) -> [String] {
    children.compactMap { parent, list in list.contains(node) ? parent : nil }.sorted()
  }

  /// How many nodes a registration starting at `node` visits (itself and
  /// every path below it), given `known` answers for other nodes.
  func visits(of node: String, known: inout [String: Int]) -> Int {
    if let answer = known[node] { return answer }
    var total = 1
    for child in childList(of: node) {
      total += visits(of: child, known: &known)
      if total > Self.maximumVisits { break }
    }
    known[node] = total
    return total
  }

  /// Whether `target` can be reached from `start` by following children.
  func reaches(_ start: String, _ target: String) -> Bool {
    var stack = [start]
    var seen: Set<String> = []
    while let node = stack.popLast() {
      if node == target { return true }
      if seen.insert(node).inserted { stack.append(contentsOf: childList(of: node)) }
    }
    return false
  }
}

// MARK: - Editing

extension BlockGraph {
  /// Attaches `child` at the head of `parent`'s child list; refuses a
  /// repeated edge, a cycle, and a graph in which one registration would
  /// visit more than ``maximumVisits`` nodes.
  mutating func attach(child: String, to parent: String) throws(SimulationError) {
    guard !childList(of: parent).contains(child) else {
      throw .childExists(parent: parent, child: child)
    }
    guard !reaches(child, parent) else { throw .cycle(parent: parent, child: child) }
    var updated = self
    updated.children[parent, default: []].insert(child, at: 0)
    var known: [String: Int] = [:]
    for node in updated.children.keys
    where updated.visits(of: node, known: &known) > Self.maximumVisits {
      throw .graphTooLarge(parent: parent, child: child, limit: Self.maximumVisits)
    }
    self = updated
  }

  /// Detaches `child` from `parent`.
  mutating func detach(child: String, from parent: String) throws(SimulationError) {
    guard let index = childList(of: parent).firstIndex(of: child) else {
      throw .notAChild(parent: parent, child: child)
    }
    children[parent]?.remove(at: index)
    if children[parent]?.isEmpty == true { children[parent] = nil }
  }
}

/// A balanced search tree of address ranges, in their order, with the
/// summaries that answer the model's range questions in O(log n): is there
/// an element overlapping a range, which is the first, does one cover a
/// range, where is the first gap of a given size.
///
/// A treap in one array (children by index, priorities from a fixed
/// xorshift stream), so that inserting and removing cost O(log n) and no
/// operation copies the elements. Each node keeps, for its subtree, the
/// largest end of a non-empty element, the smallest start, and the largest
/// gap between consecutive elements (meaningful where elements do not
/// overlap, as in the bounce pool).
///
/// A tree made with `keepsSummaries: false` keeps none of them and may only
/// be asked exact-match questions (``contains(_:)``, order, count): its
/// inserts and removes skip the summary upkeep, most of their cost. The
/// replay without hazards needs no more of libblkio's mapped regions.
public struct AddressTree<Element: AddressRanged>: Sendable {
  struct Node: Sendable {
    var element: Element
    var left: Int32
    var right: Int32
    var priority: UInt32
    /// The largest end of a non-empty element in the subtree; 0 if none.
    var maxEnd: UInt128
    /// The largest end in the subtree counting an empty element as the one
    /// byte at its start: what the overlap questions search by, since an
    /// empty range still overlaps a range containing its start (C's
    /// `addr - start < len` test).
    var maxReach: UInt128
    /// The smallest start in the subtree.
    var minStart: UInt64
    /// The end of the subtree's last element in order.
    var lastEnd: UInt128
    /// The largest gap between consecutive elements of the subtree.
    var innerGap: UInt128
  }

  var nodes: [Node]
  var freeNodes: [Int32]
  var root: Int32
  var seed: UInt32
  /// The number of elements.
  public private(set) var count: Int
  /// Whether the nodes' summaries are kept, so that the range questions
  /// (overlap, cover, first fit) may be asked.
  public let keepsSummaries: Bool
  /// Shared exactly when the tree's storage is (a copy of the tree value
  /// is alive): a mutation then duplicates the storage, which
  /// ``copiesOnWrite`` counts. Made at the first mutation: a tree that is
  /// never changed (most of an open node's trees, in `explore`) has no
  /// storage to share, and allocated and freed it for nothing.
  private var identity: Identity?
  /// How many mutations found the storage shared and had to duplicate it:
  /// 0 for a tree that is changed in place. The tests hold the model to it,
  /// since a copy per map is what made registration quadratic.
  public private(set) var copiesOnWrite: Int

  final class Identity: Sendable {}

  /// An empty tree; `keepsSummaries: false` makes one that only answers
  /// exact-match and order questions, at less cost per insert and remove.
  public init(keepsSummaries: Bool = true) {
    self.keepsSummaries = keepsSummaries
    nodes = []
    freeNodes = []
    root = -1
    seed = 0x9E37_79B9
    count = 0
    identity = nil
    copiesOnWrite = 0
  }

  /// Removes every element and leaves the tree as a new one (its
  /// priorities restart from the first seed, its copies counted from 0),
  /// keeping the storage.
  mutating func reset() {
    removeAll()
    seed = 0x9E37_79B9
    copiesOnWrite = 0
  }

  /// Notes a mutation, counting it when the storage is shared.
  private mutating func willMutate() {
    if !isKnownUniquelyReferenced(&identity) {
      // Before the first mutation there is no identity, and no storage
      // that a copy could share.
      if identity != nil { copiesOnWrite += 1 }
      identity = Identity()
    }
  }
}

// MARK: - Reading

extension AddressTree {
  /// Whether the tree holds no element.
  public var isEmpty: Bool { count == 0 }

  /// Whether `element` is in the tree.
  public func contains(_ element: Element) -> Bool {
    var index = root
    while index >= 0 {
      let node = nodes[Int(index)]
      if element == node.element { return true }
      index = element < node.element ? node.left : node.right
    }
    return false
  }

  /// Every element, in order.
  public var elements: [Element] {
    var result: [Element] = []
    result.reserveCapacity(count)
    forEach { result.append($0) }
    return result
  }

  /// Calls `body` with every element, in order.
  public func forEach(_ body: (Element) -> Void) {
    var stack: [Int32] = []
    var index = root
    while index >= 0 || !stack.isEmpty {
      while index >= 0 {
        stack.append(index)
        index = nodes[Int(index)].left
      }
      let top = stack.removeLast()
      body(nodes[Int(top)].element)
      index = nodes[Int(top)].right
    }
  }
}

// MARK: - Inserting and removing

extension AddressTree {
  /// Inserts `element`; returns false, changing nothing, if it is there.
  @discardableResult
  public mutating func insert(_ element: Element) -> Bool {
    guard !contains(element) else { return false }
    insertNew(element)
    return true
  }

  /// Inserts `element`, which the caller knows is not in the tree.
  public mutating func insertNew(_ element: Element) {
    willMutate()
    seed ^= seed << 13
    seed ^= seed >> 17
    seed ^= seed << 5
    let node = Node(
      element: element, left: -1, right: -1, priority: seed, maxEnd: 0, maxReach: 0, minStart: 0,
      lastEnd: 0,
      innerGap: 0)
    let index: Int32
    if let reused = freeNodes.popLast() {
      index = reused
      nodes[Int(reused)] = node
    } else {
      index = Int32(nodes.count)
      // A new tree's first insert makes room for several: growing one
      // node at a time reallocated the storage at 1, 2, 4 and 8 nodes,
      // for each of the trees a node opens.
      if nodes.capacity == 0 { nodes.reserveCapacity(8) }
      nodes.append(node)
    }
    let root = self.root
    if keepsSummaries {
      self.root = nodes.withUnsafeMutableBufferPointer { Self.insert(index, into: root, $0) }
    } else {
      self.root = nodes.withUnsafeMutableBufferPointer { Self.insertPlain(index, into: root, $0) }
    }
    count += 1
  }

  /// Removes `element`; returns whether it was there.
  @discardableResult
  public mutating func remove(_ element: Element) -> Bool {
    willMutate()
    var removed: Int32 = -1
    let root = self.root
    if keepsSummaries {
      self.root = nodes.withUnsafeMutableBufferPointer {
        Self.remove(element, from: root, removed: &removed, $0)
      }
    } else {
      self.root = nodes.withUnsafeMutableBufferPointer {
        Self.removePlain(element, from: root, removed: &removed, $0)
      }
    }
    guard removed >= 0 else { return false }
    freeNodes.append(removed)
    count -= 1
    if count == 0 { removeAll() }
    return true
  }

  /// Removes every element.
  public mutating func removeAll() {
    nodes.removeAll(keepingCapacity: true)
    freeNodes.removeAll(keepingCapacity: true)
    root = -1
    count = 0
  }
}

// MARK: - Restructuring without summaries

// The same restructuring for a tree that keeps no summaries: since no node
// is updated on the way back up, each is one loop down the tree instead of
// a recursion, and gives the same tree.
extension AddressTree {
  /// ``insert(_:into:_:)`` without summaries: down the search path to the
  /// first node of lower priority, whose subtree is split under the new
  /// node.
  private static func insertPlain(
    _ index: Int32, into subtree: Int32, _ nodes: UnsafeMutableBufferPointer<Node>
  ) -> Int32 {
    let element = nodes[Int(index)].element
    let priority = nodes[Int(index)].priority
    var parent: Int32 = -1
    var parentLeft = false
    var current = subtree
    while current >= 0, priority <= nodes[Int(current)].priority {
      parent = current
      parentLeft = !(nodes[Int(current)].element < element)
      current = parentLeft ? nodes[Int(current)].left : nodes[Int(current)].right
    }
    let (below, above) = splitPlain(current, before: element, nodes)
    nodes[Int(index)].left = below
    nodes[Int(index)].right = above
    guard parent >= 0 else { return index }
    if parentLeft { nodes[Int(parent)].left = index } else { nodes[Int(parent)].right = index }
    return subtree
  }

  /// ``remove(_:from:removed:_:)`` without summaries.
  private static func removePlain(
    _ element: Element, from subtree: Int32, removed: inout Int32,
    _ nodes: UnsafeMutableBufferPointer<Node>
  ) -> Int32 {
    var parent: Int32 = -1
    var parentLeft = false
    var current = subtree
    while current >= 0 {
      let found = nodes[Int(current)].element
      if found == element { break }
      parent = current
      parentLeft = element < found
      current = parentLeft ? nodes[Int(current)].left : nodes[Int(current)].right
    }
    guard current >= 0 else { return subtree }
    removed = current
    let merged = mergePlain(nodes[Int(current)].left, nodes[Int(current)].right, nodes)
    guard parent >= 0 else { return merged }
    if parentLeft { nodes[Int(parent)].left = merged } else { nodes[Int(parent)].right = merged }
    return subtree
  }

  /// ``split(_:before:_:)`` without summaries: the nodes before `pivot`
  /// are chained down right links, the others down left links.
  private static func splitPlain(
    _ subtree: Int32, before pivot: Element, _ nodes: UnsafeMutableBufferPointer<Node>
  ) -> (Int32, Int32) {
    var low: Int32 = -1
    var high: Int32 = -1
    var lowTail: Int32 = -1
    var highTail: Int32 = -1
    var current = subtree
    while current >= 0 {
      if nodes[Int(current)].element < pivot {
        if lowTail < 0 { low = current } else { nodes[Int(lowTail)].right = current }
        lowTail = current
        current = nodes[Int(current)].right
      } else {
        if highTail < 0 { high = current } else { nodes[Int(highTail)].left = current }
        highTail = current
        current = nodes[Int(current)].left
      }
    }
    if lowTail >= 0 { nodes[Int(lowTail)].right = -1 }
    if highTail >= 0 { nodes[Int(highTail)].left = -1 }
    return (low, high)
  }

  /// ``merge(_:_:_:)`` without summaries: the spine of the result, from
  /// the higher priority of the two subtrees' heads at each step.
  private static func mergePlain(
    _ low: Int32, _ high: Int32, _ nodes: UnsafeMutableBufferPointer<Node>
  ) -> Int32 {
    var low = low
    var high = high
    var root: Int32 = -1
    var tail: Int32 = -1
    var tailRight = false
    while low >= 0, high >= 0 {
      // The head of higher priority comes next; what follows it hangs
      // on its right link (from the low side) or its left (high side).
      let next: Int32
      let fromLow = nodes[Int(low)].priority > nodes[Int(high)].priority
      if fromLow {
        next = low
        low = nodes[Int(low)].right
      } else {
        next = high
        high = nodes[Int(high)].left
      }
      if tail < 0 {
        root = next
      } else if tailRight {
        nodes[Int(tail)].right = next
      } else {
        nodes[Int(tail)].left = next
      }
      tail = next
      tailRight = fromLow
    }
    let rest = low >= 0 ? low : high
    if tail < 0 { return rest }
    if tailRight { nodes[Int(tail)].right = rest } else { nodes[Int(tail)].left = rest }
    return root
  }
}

// MARK: - Restructuring, in place

// These work on the node storage through one buffer pointer taken per
// insert or remove: indexing the array at each step paid a uniqueness and
// a bounds check per access, which showed up in the bounce row's profile.
extension AddressTree {
  /// Inserts node `index` into the subtree at `subtree`: down the search
  /// path to the first node of lower priority, where the rest of that
  /// path is split under the new node; one pass, each node on the path
  /// updated once.
  private static func insert(
    _ index: Int32, into subtree: Int32, _ nodes: UnsafeMutableBufferPointer<Node>
  ) -> Int32 {
    guard subtree >= 0 else {
      update(index, nodes)
      return index
    }
    let element = nodes[Int(index)].element
    if nodes[Int(index)].priority > nodes[Int(subtree)].priority {
      let (below, above) = split(subtree, before: element, nodes)
      nodes[Int(index)].left = below
      nodes[Int(index)].right = above
      update(index, nodes)
      return index
    }
    if nodes[Int(subtree)].element < element {
      nodes[Int(subtree)].right = insert(index, into: nodes[Int(subtree)].right, nodes)
    } else {
      nodes[Int(subtree)].left = insert(index, into: nodes[Int(subtree)].left, nodes)
    }
    if Element.summarizesGaps {
      update(subtree, nodes)
    } else {
      widen(subtree, by: index, nodes)
    }
    return subtree
  }

  /// Unlinks `element` from the subtree at `index`, setting `removed` to
  /// its node; returns the subtree's new root.
  private static func remove(
    _ element: Element, from index: Int32, removed: inout Int32,
    _ nodes: UnsafeMutableBufferPointer<Node>
  ) -> Int32 {
    guard index >= 0 else { return -1 }
    let current = nodes[Int(index)].element
    if current == element {
      removed = index
      return merge(nodes[Int(index)].left, nodes[Int(index)].right, nodes)
    }
    if element < current {
      nodes[Int(index)].left = remove(
        element, from: nodes[Int(index)].left, removed: &removed, nodes)
    } else {
      nodes[Int(index)].right = remove(
        element, from: nodes[Int(index)].right, removed: &removed, nodes)
    }
    if removed >= 0, !Element.summarizesGaps, !reaches(element, index, nodes) {
      // Another element holds this subtree's end summaries: they stand.
      return index
    }
    if removed >= 0 { update(index, nodes) }
    return index
  }

  /// Splits the subtree at `index` into the elements before `pivot` and
  /// the rest.
  private static func split(
    _ index: Int32, before pivot: Element, _ nodes: UnsafeMutableBufferPointer<Node>
  ) -> (Int32, Int32) {
    guard index >= 0 else { return (-1, -1) }
    if nodes[Int(index)].element < pivot {
      let (low, high) = split(nodes[Int(index)].right, before: pivot, nodes)
      nodes[Int(index)].right = low
      update(index, nodes)
      return (index, high)
    }
    let (low, high) = split(nodes[Int(index)].left, before: pivot, nodes)
    nodes[Int(index)].left = high
    update(index, nodes)
    return (low, index)
  }

  /// Joins two subtrees whose elements are in order, `low` before `high`.
  private static func merge(
    _ low: Int32, _ high: Int32, _ nodes: UnsafeMutableBufferPointer<Node>
  ) -> Int32 {
    if low < 0 { return high }
    if high < 0 { return low }
    if nodes[Int(low)].priority > nodes[Int(high)].priority {
      nodes[Int(low)].right = merge(nodes[Int(low)].right, high, nodes)
      update(low, nodes)
      return low
    }
    nodes[Int(high)].left = merge(low, nodes[Int(high)].left, nodes)
    update(high, nodes)
    return high
  }

  /// Recomputes the summaries of node `index` from its children.
  private static func update(_ index: Int32, _ nodes: UnsafeMutableBufferPointer<Node>) {
    let slot = Int(index)
    let left = nodes[slot].left
    let right = nodes[slot].right
    let length = nodes[slot].element.rangeLength
    let start = nodes[slot].element.rangeStart
    let end = UInt128(start) + UInt128(length)
    if Element.summarizesReach {
      var maxEnd: UInt128 = length == 0 ? 0 : end
      var maxReach: UInt128 = length == 0 ? end + 1 : end
      if left >= 0 {
        maxEnd = max(maxEnd, nodes[Int(left)].maxEnd)
        maxReach = max(maxReach, nodes[Int(left)].maxReach)
      }
      if right >= 0 {
        maxEnd = max(maxEnd, nodes[Int(right)].maxEnd)
        maxReach = max(maxReach, nodes[Int(right)].maxReach)
      }
      nodes[slot].maxEnd = maxEnd
      nodes[slot].maxReach = maxReach
    }
    guard Element.summarizesGaps else { return }
    var minStart = start
    var lastEnd = end
    var innerGap: UInt128 = 0
    if left >= 0 {
      minStart = nodes[Int(left)].minStart
      innerGap = max(nodes[Int(left)].innerGap, Self.gap(from: nodes[Int(left)].lastEnd, to: start))
    }
    if right >= 0 {
      innerGap = max(
        innerGap, nodes[Int(right)].innerGap, Self.gap(from: end, to: nodes[Int(right)].minStart))
      lastEnd = nodes[Int(right)].lastEnd
    }
    nodes[slot].minStart = minStart
    nodes[slot].lastEnd = lastEnd
    nodes[slot].innerGap = innerGap
  }

  /// Raises the end summaries of node `index` to those of node `added`,
  /// just placed in its subtree: all an insertion changes above the new
  /// node when there are no gap summaries (a full ``update(_:_:)`` reads
  /// both children at every level of the path).
  @inline(__always)
  private static func widen(
    _ index: Int32, by added: Int32, _ nodes: UnsafeMutableBufferPointer<Node>
  ) {
    guard Element.summarizesReach else { return }
    nodes[Int(index)].maxEnd = max(nodes[Int(index)].maxEnd, nodes[Int(added)].maxEnd)
    nodes[Int(index)].maxReach = max(nodes[Int(index)].maxReach, nodes[Int(added)].maxReach)
  }

  /// Whether `element`, just removed from the subtree at `index`, may have
  /// held one of its end summaries: only then do they need recomputing
  /// (if it fell short of both, another element holds them).
  @inline(__always)
  private static func reaches(
    _ element: Element, _ index: Int32, _ nodes: UnsafeMutableBufferPointer<Node>
  ) -> Bool {
    guard Element.summarizesReach else { return false }
    let length = element.rangeLength
    let end = element.rangeEnd
    let ownEnd: UInt128 = length == 0 ? 0 : end
    let ownReach: UInt128 = length == 0 ? end + 1 : end
    return ownEnd >= nodes[Int(index)].maxEnd || ownReach >= nodes[Int(index)].maxReach
  }

  @inline(__always) static func gap(from end: UInt128, to start: UInt64) -> UInt128 {
    UInt128(start) > end ? UInt128(start) - end : 0
  }
}

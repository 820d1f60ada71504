// MARK: - Range questions

extension AddressTree {
  /// Calls `body` with every element that overlaps `[start, end)`, in
  /// order: a non-empty element sharing a byte with it, or an empty one
  /// whose start lies in it (empty elements are skipped when
  /// `includeEmpty` is false).
  public func forEachOverlapping(
    start: UInt128, end: UInt128, includeEmpty: Bool = true, _ body: (Element) -> Void
  ) {
    precondition(
      Element.summarizesReach && keepsSummaries, "AddressTree: overlap questions need end summaries"
    )
    guard start < end else { return }
    var stack: [Int32] = [root]
    var found: [Element] = []
    while let index = stack.popLast() {
      guard index >= 0 else { continue }
      let node = nodes[Int(index)]
      guard node.maxReach > start else { continue }
      if UInt128(node.element.rangeStart) < end {
        if Self.reach(of: node.element) > start,
          includeEmpty || node.element.rangeLength > 0
        {
          found.append(node.element)
        }
        stack.append(node.right)
      }
      stack.append(node.left)
    }
    found.sort()
    for element in found { body(element) }
  }

  /// Whether one element starts at or before `start` and ends at or after
  /// `end` (no wrapping; an empty element covers only an empty range at
  /// its start).
  public func hasElementCovering(start: UInt128, end: UInt128) -> Bool {
    precondition(
      Element.summarizesReach && keepsSummaries, "AddressTree: cover questions need end summaries")
    var index = root
    while index >= 0 {
      let node = nodes[Int(index)]
      if UInt128(node.element.rangeStart) <= start {
        if node.element.rangeEnd >= end { return true }
        if node.left >= 0, nodes[Int(node.left)].maxEnd >= end { return true }
        if node.left >= 0, end == start, subtreeHasEmptyAt(node.left, start) { return true }
        index = node.right
      } else {
        index = node.left
      }
    }
    return false
  }

  /// Whether the subtree holds an empty element starting exactly at
  /// `address` (empty elements are left out of ``Node/maxEnd``).
  private func subtreeHasEmptyAt(_ index: Int32, _ address: UInt128) -> Bool {
    var index = index
    while index >= 0 {
      let node = nodes[Int(index)]
      let start = UInt128(node.element.rangeStart)
      if start == address, node.element.rangeLength == 0 { return true }
      if start == address {
        // Equal starts may lie on both sides.
        return subtreeHasEmptyAt(node.left, address) || subtreeHasEmptyAt(node.right, address)
      }
      index = address < start ? node.left : node.right
    }
    return false
  }

  /// The first address, in `[base, limit)`, of a gap of at least `bytes`
  /// between elements, trying the gap before the first element, then the
  /// gaps between elements in order, then the gap after the last: the
  /// first-fit rule over elements that do not overlap.
  public func firstFit(bytes: UInt64, base: UInt64, limit: UInt128) -> UInt64? {
    precondition(
      Element.summarizesGaps && keepsSummaries, "AddressTree: first fit needs gap summaries")
    let size = UInt128(bytes)
    guard root >= 0 else {
      return limit >= UInt128(base) && limit - UInt128(base) >= size ? base : nil
    }
    let top = nodes[Int(root)]
    if UInt128(top.minStart) >= UInt128(base), UInt128(top.minStart) - UInt128(base) >= size {
      return base
    }
    if top.innerGap >= size, let found = firstGap(root, size) {
      return UInt64(truncatingIfNeeded: found)
    }
    if limit >= top.lastEnd, limit - top.lastEnd >= size {
      return UInt64(truncatingIfNeeded: top.lastEnd)
    }
    return nil
  }

  private func firstGap(_ index: Int32, _ size: UInt128) -> UInt128? {
    let node = nodes[Int(index)]
    if node.left >= 0 {
      let left = nodes[Int(node.left)]
      if left.innerGap >= size, let found = firstGap(node.left, size) { return found }
      if Self.gap(from: left.lastEnd, to: node.element.rangeStart) >= size { return left.lastEnd }
    }
    if node.right >= 0 {
      let right = nodes[Int(node.right)]
      if Self.gap(from: node.element.rangeEnd, to: right.minStart) >= size {
        return node.element.rangeEnd
      }
      if right.innerGap >= size { return firstGap(node.right, size) }
    }
    return nil
  }
}

// MARK: - Reach

extension AddressTree {
  /// The end of an element, an empty one counted as the byte at its start.
  @inline(__always) static func reach(of element: Element) -> UInt128 {
    element.rangeLength == 0 ? UInt128(element.rangeStart) + 1 : element.rangeEnd
  }
}

// MARK: - Invariants

extension AddressTree {
  /// Checks order, heap priorities, summaries and the count; traps naming
  /// the broken rule.
  public func checkInvariants() {
    var seen = 0
    var previous: Element?
    forEach { element in
      if let previous {
        precondition(previous < element, "AddressTree: elements out of order")
      }
      previous = element
      seen += 1
    }
    precondition(seen == count, "AddressTree: count \(count) but \(seen) elements")
    func check(_ index: Int32) -> (maxEnd: UInt128, maxReach: UInt128) {
      guard index >= 0 else { return (0, 0) }
      let node = nodes[Int(index)]
      for child in [node.left, node.right] where child >= 0 {
        precondition(nodes[Int(child)].priority <= node.priority, "AddressTree: heap order broken")
      }
      let empty = node.element.rangeLength == 0
      let end = node.element.rangeEnd
      let left = check(node.left)
      let right = check(node.right)
      let maxEnd = max(empty ? 0 : end, left.maxEnd, right.maxEnd)
      let maxReach = max(empty ? end + 1 : end, left.maxReach, right.maxReach)
      precondition(
        !Element.summarizesReach || !keepsSummaries || maxEnd == node.maxEnd,
        "AddressTree: stale maxEnd summary")
      precondition(
        !Element.summarizesReach || !keepsSummaries || maxReach == node.maxReach,
        "AddressTree: stale maxReach summary")
      return (maxEnd, maxReach)
    }
    _ = check(root)
  }
}

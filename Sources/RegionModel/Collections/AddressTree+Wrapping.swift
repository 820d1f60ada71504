// MARK: - Questions in C's wrapping arithmetic

extension AddressTree {
  /// The first element, in order and other than `excluded`, that overlaps
  /// `[start, start + length)` as ``MemRegion/overlaps(_:)`` decides it in
  /// C's wrapping arithmetic: one range contains the other's start
  /// (`b - a < len`), so an empty range overlaps a range containing its
  /// start, and two empty ranges never overlap.
  /// With `nonEmpty`, empty elements are left out.
  public func firstOverlappingWrapping(
    start: UInt64, length: UInt64, excluding excluded: Element? = nil, nonEmpty: Bool = false
  ) -> Element? {
    var best: Element?
    forEachWrappingQuery(start: start, length: length) { low, high, includeEmpty in
      if let found = firstOverlapping(
        start: low, end: high, includeEmpty: includeEmpty && !nonEmpty, excluding: excluded),
        best.map({ found < $0 }) ?? true
      {
        best = found
      }
    }
    return best
  }

  /// Every element overlapping `[start, start + length)` in wrapping
  /// arithmetic (as ``firstOverlappingWrapping(start:length:excluding:)``),
  /// each once, in order.
  public func overlappingWrapping(start: UInt64, length: UInt64) -> [Element] {
    var found: [Element] = []
    forEachWrappingQuery(start: start, length: length) { low, high, includeEmpty in
      forEachOverlapping(start: low, end: high, includeEmpty: includeEmpty) { found.append($0) }
    }
    found.sort()
    var unique: [Element] = []
    for element in found where unique.last != element { unique.append(element) }
    return unique
  }

  /// Whether one element covers `[start, start + length)` in wrapping
  /// arithmetic: `start - addr <= len && length <= len - (start - addr)`,
  /// as ``MemRegion/covers(start:length:)`` tests it.
  public func hasElementCoveringWrapping(start: UInt64, length: UInt64) -> Bool {
    let low = UInt128(start)
    let wrap = UInt128(1) << 64
    return hasElementCovering(start: low, end: low + UInt128(length))
      || hasElementCovering(start: low + wrap, end: low + wrap + UInt128(length))
  }

  /// The unwrapped ranges whose overlaps with unwrapped elements make up
  /// the wrapping overlaps with `[start, start + length)`: the range, the
  /// range one turn up (for elements that wrap), and the part of a
  /// wrapping range below 2^64's turn. An empty range is searched as the
  /// byte at its start, among non-empty elements only.
  private func forEachWrappingQuery(
    start: UInt64, length: UInt64, _ body: (UInt128, UInt128, Bool) -> Void
  ) {
    let includeEmpty = length > 0
    let low = UInt128(start)
    let high = low + UInt128(max(length, 1))
    let wrap = UInt128(1) << 64
    body(low, high, includeEmpty)
    body(low + wrap, high + wrap, includeEmpty)
    if high > wrap { body(0, high - wrap, includeEmpty) }
  }

  /// The first element in order, other than `excluded`, overlapping
  /// `[start, end)` (see ``forEachOverlapping(start:end:includeEmpty:_:)``).
  public func firstOverlapping(
    start: UInt128, end: UInt128, includeEmpty: Bool = true, excluding excluded: Element?
  ) -> Element? {
    precondition(
      Element.summarizesReach && keepsSummaries, "AddressTree: overlap questions need end summaries"
    )
    guard start < end else { return nil }
    return firstOverlapping(root, start, end, includeEmpty, excluded).map {
      nodes[Int($0)].element
    }
  }

  private func firstOverlapping(
    _ index: Int32, _ start: UInt128, _ end: UInt128, _ includeEmpty: Bool, _ excluded: Element?
  ) -> Int32? {
    guard index >= 0 else { return nil }
    let node = nodes[Int(index)]
    guard node.maxReach > start else { return nil }
    if let found = firstOverlapping(node.left, start, end, includeEmpty, excluded) {
      return found
    }
    guard UInt128(node.element.rangeStart) < end else { return nil }
    if Self.reach(of: node.element) > start, includeEmpty || node.element.rangeLength > 0,
      node.element != excluded
    {
      return index
    }
    return firstOverlapping(node.right, start, end, includeEmpty, excluded)
  }
}

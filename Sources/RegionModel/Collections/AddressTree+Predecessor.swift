// MARK: - The last element below an address

extension AddressTree {
  /// The last element, in order, whose start is below `bound`: what a
  /// sorted map's `range(..bound).next_back()` answers. O(log n).
  public func last(startingBelow bound: UInt128) -> Element? {
    var index = root
    var found: Int32 = -1
    while index >= 0 {
      let node = nodes[Int(index)]
      if UInt128(node.element.rangeStart) < bound {
        found = index
        index = node.right
      } else {
        index = node.left
      }
    }
    return found >= 0 ? nodes[Int(found)].element : nil
  }
}

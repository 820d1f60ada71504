// MARK: - Replacing a node

extension BlockGraph {
  /// The parents of `from` that `bdrv_replace_node(from, to)` re-points to
  /// `to`, newest edge first: all but `to` itself and those `to` reaches,
  /// whose edge would close a loop (QEMU's `should_update_child()` skips
  /// them; the mirror filter keeps its own child so).
  func replaceableParents(of from: NameID, by to: NameID) -> [NameID] {
    parents[from.slot].reversed().filter { parent in
      parent != to && !reaches(to, parent).found
    }
  }

  /// Refuses a replacement that ``attach(child:to:)`` or
  /// ``detach(child:from:)`` would refuse part-way, before any edge moves:
  /// a parent that has `to` as a child already, one with too many
  /// ancestors, and a graph in which one registration would visit more
  /// than ``maximumVisits`` nodes once `to` stands for `from` everywhere.
  /// Returns the parent to name in the error.
  func checkReplace(
    _ from: NameID, by to: NameID, in parents: [NameID]
  ) -> (refusal: GraphEditRefusal, parent: NameID)? {
    let growth = Int(visits[to.slot]) - Int(visits[from.slot])
    var added: [NameID: Int] = [:]
    for parent in parents {
      if children.contains(to, in: parent.slot) { return (.childExists, parent) }
      guard let ancestors = ancestorPaths(of: parent) else { return (.tooManyAncestors, parent) }
      guard growth > 0 else { continue }
      for (ancestor, paths) in ancestors { added[ancestor, default: 0] += paths * growth }
    }
    for parent in parents {
      guard let ancestors = ancestorPaths(of: parent), growth > 0 else { continue }
      for (ancestor, _) in ancestors
      where Int(visits[ancestor.slot]) + (added[ancestor] ?? 0) > Self.maximumVisits {
        return (.graphTooLarge, parent)
      }
    }
    return nil
  }

  /// Re-points `parent`'s edge from `from` to `to`, which goes to the head
  /// of its child list (`bdrv_replace_child_noperm()` detaches the child
  /// and attaches it again) with the same role; ``checkReplace(_:by:in:)``
  /// has cleared it.
  mutating func replace(
    _ from: NameID, by to: NameID, under parent: NameID
  ) throws(GraphEditRefusal) {
    let role = role(of: from, under: parent)
    try detach(child: from, from: parent)
    try attach(child: to, to: parent)
    setRole(role, of: to, under: parent)
  }
}

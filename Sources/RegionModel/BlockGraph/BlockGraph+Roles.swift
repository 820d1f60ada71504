// MARK: - Child roles and routing

extension BlockGraph {
  /// The role of the edge from `parent` to `child` (`unnamed` unless set).
  func role(of child: NameID, under parent: NameID) -> ChildRole {
    roles.isEmpty ? .unnamed : roles[Edge(parent: parent, child: child)] ?? .unnamed
  }

  /// The child of `parent` with the named role `role`, if any.
  func child(of parent: NameID, withRole role: ChildRole) -> NameID? {
    guard !roles.isEmpty else { return nil }
    // No edge holds the role: no edge of `parent` to hash.
    if role != .unnamed, roleCounts[Int(role.rawValue)] == 0 { return nil }
    return childList(of: parent).first { self.role(of: $0, under: parent) == role }
  }

  /// Where a format node sends a guest request: its `data-file` child (only
  /// qcow2 has one), else its `file` child, else the head of its list.
  /// Models qcow2's `s->data_file` and raw's and throttle's `bs->file` in
  /// their `co_preadv`/`co_pwritev`.
  func dataChild(of parent: NameID) -> NameID? {
    child(of: parent, withRole: .dataFile) ?? child(of: parent, withRole: .file)
      ?? childList(of: parent).first
  }

  /// Gives the edge from `parent` to `child` its role.
  mutating func setRole(_ role: ChildRole, of child: NameID, under parent: NameID) {
    if role == .unnamed {
      dropRole(of: child, under: parent)
      return
    }
    if let old = roles.updateValue(role, forKey: Edge(parent: parent, child: child)) {
      roleCounts[Int(old.rawValue)] -= 1
    }
    roleCounts[Int(role.rawValue)] += 1
  }

  /// Forgets the role of the edge from `parent` to `child` (it becomes
  /// `unnamed`, or goes).
  mutating func dropRole(of child: NameID, under parent: NameID) {
    // The usual edge has no role: no hashing while no edge has one.
    guard !roles.isEmpty,
      let old = roles.removeValue(forKey: Edge(parent: parent, child: child))
    else { return }
    roleCounts[Int(old.rawValue)] -= 1
  }
}

/// An edge of the graph, for the roles kept beside the child lists.
struct Edge: Hashable, Sendable {
  var parent: NameID
  var child: NameID

  /// Hashed as one word: each word handed to the hasher costs a round, and
  /// routing a request looks roles up at every format node.
  func hash(into hasher: inout Hasher) {
    hasher.combine(
      UInt64(UInt32(bitPattern: parent.index)) << 32 | UInt64(UInt32(bitPattern: child.index)))
  }
}

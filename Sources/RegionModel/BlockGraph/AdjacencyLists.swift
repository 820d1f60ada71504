/// One list of node ids per node id (a node's children, or its parents),
/// in insertion order, stored so that a list of at most one id costs four
/// bytes and no allocation.
///
/// Most nodes of a block graph have one parent and at most one child (a
/// format node over its protocol node), so each list's entry holds its only
/// id inline; a list of two or more ids spills into an array of
/// ``spilled``, whose slot is reused once the list is short again.
struct AdjacencyLists: Sendable {
  /// By node id slot: -1 for an empty list, the id's index for a list of
  /// one, or -2 - i for the list spilled into `spilled[i]`.
  private var entries: [Int32]
  /// The lists of two or more ids.
  private var spilled: [[NameID]]
  /// Slots of ``spilled`` free for reuse.
  private var freeSpills: [Int32]
  /// Shared exactly when the storage is (a copy of the lists is alive): a
  /// change then duplicates the storage, which ``copiesOnWrite`` counts.
  private var identity: Identity
  /// How many changes found the storage shared and had to duplicate it: 0
  /// for lists that are changed in place.
  private(set) var copiesOnWrite: Int

  final class Identity: Sendable {}

  /// No list yet.
  init() {
    entries = []
    spilled = []
    freeSpills = []
    identity = Identity()
    copiesOnWrite = 0
  }

  /// Empties every list and covers no id, as new lists, keeping the
  /// storage.
  mutating func removeAll() {
    entries.removeAll(keepingCapacity: true)
    spilled.removeAll(keepingCapacity: true)
    freeSpills.removeAll(keepingCapacity: true)
    copiesOnWrite = 0
  }

  /// Notes a change, counting it when the storage is shared.
  private mutating func willMutate() {
    if !isKnownUniquelyReferenced(&identity) {
      identity = Identity()
      copiesOnWrite += 1
    }
  }

  /// How many lists there are (one per id slot below it).
  var count: Int { entries.count }

  /// Adds empty lists up to id slot `capacity - 1`.
  mutating func ensureCapacity(_ capacity: Int) {
    guard entries.count < capacity else { return }
    willMutate()
    entries.append(contentsOf: repeatElement(-1, count: capacity - entries.count))
  }
}

// MARK: - Reading

extension AdjacencyLists {
  /// The list of id slot `slot`.
  subscript(slot: Int) -> NodeList {
    let entry = entries[slot]
    if entry == -1 { return NodeList() }
    if entry >= 0 { return NodeList(only: NameID(entry)) }
    return NodeList(spilled[Int(-2 - entry)])
  }

  /// Whether the list of `slot` is empty.
  func isEmpty(_ slot: Int) -> Bool { entries[slot] == -1 }

  /// Whether the list of `slot` holds `id`.
  func contains(_ id: NameID, in slot: Int) -> Bool {
    let entry = entries[slot]
    if entry == -1 { return false }
    if entry >= 0 { return entry == id.index }
    return spilled[Int(-2 - entry)].contains(id)
  }
}

// MARK: - Editing

extension AdjacencyLists {
  /// Appends `id` to the list of `slot`.
  mutating func append(_ id: NameID, to slot: Int) {
    willMutate()
    let entry = entries[slot]
    if entry == -1 {
      entries[slot] = id.index
      return
    }
    if entry >= 0 {
      let list = [NameID(entry), id]
      if let free = freeSpills.popLast() {
        spilled[Int(free)] = list
        entries[slot] = -2 - free
      } else {
        entries[slot] = -2 - Int32(spilled.count)
        spilled.append(list)
      }
      return
    }
    spilled[Int(-2 - entry)].append(id)
  }

  /// Removes the last occurrence of `id` from the list of `slot`; false if
  /// the list does not hold it.
  @discardableResult
  mutating func removeLast(_ id: NameID, from slot: Int) -> Bool {
    let entry = entries[slot]
    if entry == -1 { return false }
    if entry >= 0 {
      guard entry == id.index else { return false }
      willMutate()
      entries[slot] = -1
      return true
    }
    let spill = Int(-2 - entry)
    guard let index = spilled[spill].lastIndex(of: id) else { return false }
    willMutate()
    spilled[spill].remove(at: index)
    if spilled[spill].count == 1 {
      entries[slot] = spilled[spill][0].index
      freeSpill(spill)
    }
    return true
  }

  /// Empties the list of `slot`.
  mutating func removeAll(_ slot: Int) {
    let entry = entries[slot]
    guard entry != -1 else { return }
    willMutate()
    entries[slot] = -1
    if entry < -1 { freeSpill(Int(-2 - entry)) }
  }

  private mutating func freeSpill(_ spill: Int) {
    spilled[spill] = []
    freeSpills.append(Int32(spill))
  }
}

/// QEMU's RAM-block notifier list, holding the backends whose registrar is
/// listening: a doubly linked list over backend ids, newest at the head
/// (`ram_block_notifier_add()` inserts there), so that adding and removing
/// cost O(1).
struct NotifierList: Sendable {
  private var next: [Int32]
  private var previous: [Int32]
  private var listed: [Bool]
  private var head: Int32
  /// How many notifiers are listed.
  private(set) var count: Int

  /// An empty list.
  init() {
    next = []
    previous = []
    listed = []
    head = -1
    count = 0
  }

  /// Empties the list, keeping the storage.
  mutating func removeAll() {
    next.removeAll(keepingCapacity: true)
    previous.removeAll(keepingCapacity: true)
    listed.removeAll(keepingCapacity: true)
    head = -1
    count = 0
  }

  /// Covers backend ids below `capacity`.
  mutating func ensureCapacity(_ capacity: Int) {
    while next.count < capacity {
      next.append(-1)
      previous.append(-1)
      listed.append(false)
    }
  }

  /// Inserts `backend` at the head.
  mutating func insertAtHead(_ backend: NameID) {
    let index = backend.index
    next[Int(index)] = head
    previous[Int(index)] = -1
    if head >= 0 { previous[Int(head)] = index }
    head = index
    listed[Int(index)] = true
    count += 1
  }

  /// Removes `backend` if it is listed.
  mutating func remove(_ backend: NameID) {
    let index = Int(backend.index)
    guard index < listed.count, listed[index] else { return }
    let before = previous[index]
    let after = next[index]
    if before >= 0 { next[Int(before)] = after } else { head = after }
    if after >= 0 { previous[Int(after)] = before }
    listed[index] = false
    count -= 1
  }

  /// The listed backends, head first.
  var elements: [NameID] {
    var result: [NameID] = []
    var index = head
    while index >= 0 {
      result.append(NameID(index))
      index = next[Int(index)]
    }
    return result
  }
}

/// A count per ``NameID``, zero unless set: the array covers only the ids
/// up to the largest one counted, so ids that are never counted (every
/// format node of a graph without backends or requests) cost nothing.
struct CountsByID: Sendable {
  private var counts: [Int32]

  /// Every count zero.
  init() {
    counts = []
  }

  /// Sets every count to zero, keeping the storage.
  mutating func removeAll() {
    counts.removeAll(keepingCapacity: true)
  }

  /// The count of `id`.
  subscript(id: NameID) -> Int32 {
    get { id.slot < counts.count ? counts[id.slot] : 0 }
    set {
      if counts.count <= id.slot {
        guard newValue != 0 else { return }
        counts.append(contentsOf: repeatElement(0, count: id.slot + 1 - counts.count))
      }
      counts[id.slot] = newValue
    }
  }
}

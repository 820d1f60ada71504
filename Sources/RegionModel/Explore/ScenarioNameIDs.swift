/// The ids the model gave the generator's names, remembered so that a
/// candidate's names are not interned again, each time, while their ids
/// still hold.
///
/// An entry holds for as long as its name table's ``NameTable/epoch`` is
/// the one it was read at: no id of that table was released since, so the
/// name still has that id, and interning it again would change nothing and
/// return it. Names with a number above 15 are not remembered (the VM's
/// requests, each new). One per explore worker: entries of a model that
/// was reset are stale by its epochs.
struct ScenarioNameIDs: Sendable {
  /// An id and the epoch of its table when it was read.
  private struct Entry: Sendable {
    var id: NameID
    var epoch: Int
  }

  /// How many numbers are remembered per letter (and one slot for none).
  private static let numbers = 16
  private static let perSpace = 26 * (numbers + 1)

  /// By namespace, letter and number (slot 0: no number).
  private var entries = [Entry](
    repeating: Entry(id: NameID(-1), epoch: Int.min), count: NameSpace.allCases.count * perSpace)

  /// The id of `name` in `space` of `names`, interned if need be.
  mutating func id(of name: ScenarioName, in space: NameSpace, _ names: inout Names) -> NameID {
    guard let slot = Self.slot(of: name, in: space) else {
      return name.withBytes { names[space].intern($0) }
    }
    let epoch = names.epoch(of: space)
    if entries[slot].epoch == epoch { return entries[slot].id }
    let id = name.withBytes { names[space].intern($0) }
    // Interning a new name releases nothing: the epoch still holds.
    entries[slot] = Entry(id: id, epoch: names.epoch(of: space))
    return id
  }

  /// Where `name` of `space` is remembered, if it is.
  private static func slot(of name: ScenarioName, in space: NameSpace) -> Int? {
    let letter = Int(name.letter) - Int(UInt8(ascii: "a"))
    guard letter >= 0, letter < 26, name.number < numbers else { return nil }
    return space.rawValue * perSpace + letter * (numbers + 1) + Int(name.number + 1)
  }
}

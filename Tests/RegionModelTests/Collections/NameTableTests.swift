import RegionModel
import Testing

/// The interning tables and the queue keep their promises under random
/// use, checked against plain dictionaries and arrays.
@Suite struct NameTableTests {
  @Test(arguments: Array(1...20) as [UInt64]) func internAndReleaseAgreeWithADictionary(
    seed: UInt64
  ) {
    var random = SplitMix64(seed: seed)
    var table = NameTable()
    var model: [String: NameID] = [:]
    for _ in 0..<3000 {
      let name = "n\(random.bounded(300))" + String(repeating: "x", count: Int(random.bounded(40)))
      if random.chance(1, in: 3), let id = model[name] {
        table.release(id)
        model[name] = nil
      } else {
        let id = table.intern(name)
        if let known = model[name] { #expect(id == known) }
        model[name] = id
      }
      #expect(table.count == model.count)
    }
    table.checkInvariants()
    for (name, id) in model {
      #expect(table.id(of: name) == id)
      #expect(table.string(id) == name)
    }
    // Ids are reused: never more than were live at once, plus one.
    #expect(table.idCapacity <= 301 * 40)
  }

  @Test func dequeIsFIFOWithAFront() {
    var deque = Deque<Int>()
    var model: [Int] = []
    var random = SplitMix64(seed: 7)
    for step in 0..<2000 {
      switch random.bounded(3) {
      case 0:
        deque.append(step)
        model.append(step)
      case 1:
        deque.prepend(step)
        model.insert(step, at: 0)
      default:
        #expect(deque.popFirst() == (model.isEmpty ? nil : model.removeFirst()))
      }
      #expect(deque.count == model.count)
    }
    #expect(deque.elements == model)
  }
}

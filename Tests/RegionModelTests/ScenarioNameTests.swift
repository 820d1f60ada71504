import Testing

@testable import RegionModel

/// The generator's names: written, read back and ordered as their strings.
@Suite struct ScenarioNameTests {
  static let names: [ScenarioName] =
    [ScenarioName("p"), ScenarioName("t"), ScenarioName("b")]
    + [0, 1, 2, 9, 10, 11, 19, 20, 99, 100, 101, 1_000, 12_345, 999_999_999, Int(Int32.max)]
    .flatMap { [ScenarioName("q", $0), ScenarioName("m", $0), ScenarioName("p", $0)] }

  @Test func namesAreWrittenAndReadBack() {
    for name in Self.names {
      #expect(
        name.string == String(UnicodeScalar(name.letter))
          + (name.number < 0 ? "" : "\(name.number)"))
      let read = Array(name.string.utf8).withUnsafeBufferPointer { ScenarioName(bytes: $0) }
      #expect(read == name, "\(name.string)")
    }
    for text in ["", "Q1", "q01", "q1x", "q2147483648", "q12345678901"] {
      #expect(
        Array(text.utf8).withUnsafeBufferPointer { ScenarioName(bytes: $0) } == nil, "\(text)")
    }
  }

  @Test func namesSortAsTheirStrings() {
    for first in Self.names {
      for second in Self.names {
        #expect(
          first.precedes(second) == (first.string < second.string),
          "\(first.string) \(second.string)")
      }
    }
  }
}

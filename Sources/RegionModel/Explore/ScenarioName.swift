/// A node, backend or request name as the generator makes it: a lowercase
/// letter and an optional number (`n0`, `q17`, `p`).
///
/// A plain value with no storage of its own: a candidate input holds no
/// string, its names are interned from bytes written on the stack, and a
/// scenario's names become strings only when it is handed out (a finding,
/// or the public API).
struct ScenarioName: Hashable, Sendable {
  /// The letter, as an ASCII byte.
  let letter: UInt8
  /// The number after the letter; -1 for none.
  let number: Int32

  /// The name `letter` followed by `number`, if given (at least 0).
  init(_ letter: Unicode.Scalar, _ number: Int? = nil) {
    self.letter = UInt8(ascii: letter)
    self.number = number.map { Int32($0) } ?? -1
  }

  /// The name whose bytes are `bytes`, if it has the generator's shape: a
  /// letter and at most nine decimal digits, without a leading zero.
  init?(bytes: UnsafeBufferPointer<UInt8>) {
    guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"),
      bytes.count <= 10
    else { return nil }
    letter = first
    guard bytes.count > 1 else {
      number = -1
      return
    }
    if bytes[1] == UInt8(ascii: "0"), bytes.count > 2 { return nil }
    var value: Int32 = 0
    for byte in bytes.dropFirst() {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int32(byte - UInt8(ascii: "0"))
    }
    number = value
  }

  /// Calls `body` with the name's UTF-8 bytes, written on the stack.
  func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { buffer in
      buffer[0] = letter
      var count = 1
      if number >= 0 {
        var digits = 1
        var rest = number / 10
        while rest > 0 {
          digits += 1
          rest /= 10
        }
        var value = number
        for index in stride(from: digits, to: 0, by: -1) {
          buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
          value /= 10
        }
        count += digits
      }
      return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
    }
  }

  /// The name as a string.
  var string: String {
    withBytes { String(decoding: $0, as: UTF8.self) }
  }

  /// Whether the name sorts before `other` as their strings do (byte by
  /// byte, a prefix first).
  func precedes(_ other: ScenarioName) -> Bool {
    withBytes { mine in
      other.withBytes { theirs in mine.lexicographicallyPrecedes(theirs) }
    }
  }
}

/// An input of a generated scenario: names are ``ScenarioName`` values.
typealias ScenarioInput = TraceInputOf<ScenarioName>

extension TraceInputOf where Name == ScenarioName {
  /// The input with string names, as the trace format has them.
  var traceInput: TraceInput {
    mapNames { _, name in name.string }
  }
}

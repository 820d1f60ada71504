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
  /// letter and a decimal number up to `Int32.max`, without a leading zero.
  init?(bytes: UnsafeBufferPointer<UInt8>) {
    guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"),
      bytes.count <= 11
    else { return nil }
    letter = first
    guard bytes.count > 1 else {
      number = -1
      return
    }
    if bytes[1] == UInt8(ascii: "0"), bytes.count > 2 { return nil }
    var value: Int64 = 0
    for byte in bytes.dropFirst() {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int64(byte - UInt8(ascii: "0"))
    }
    guard value <= Int64(Int32.max) else { return nil }
    number = Int32(value)
  }

  /// Calls `body` with the name's UTF-8 bytes, written on the stack.
  func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { buffer in
      buffer[0] = letter
      var count = 1
      if number >= 0 {
        let digits = Self.digits(number)
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
  /// byte, a prefix first), without writing either: the letters, then the
  /// numbers' digits, compared by scaling the shorter number to the longer
  /// one's digit count (`1` and `10` scale to equal: the prefix first).
  func precedes(_ other: ScenarioName) -> Bool {
    if letter != other.letter { return letter < other.letter }
    if number < 0 || other.number < 0 { return number < 0 && other.number >= 0 }
    let mine = Int64(number)
    let theirs = Int64(other.number)
    let (myDigits, theirDigits) = (Self.digits(number), Self.digits(other.number))
    if myDigits == theirDigits { return mine < theirs }
    if myDigits < theirDigits { return mine * Self.powerOfTen(theirDigits - myDigits) <= theirs }
    return mine < theirs * Self.powerOfTen(myDigits - theirDigits)
  }

  /// The number of decimal digits of `value` (at least 0).
  private static func digits(_ value: Int32) -> Int {
    var count = 1
    var rest = value / 10
    while rest > 0 {
      count += 1
      rest /= 10
    }
    return count
  }

  /// 10 to the power `exponent` (at most 10).
  private static func powerOfTen(_ exponent: Int) -> Int64 {
    var result: Int64 = 1
    for _ in 0..<exponent { result *= 10 }
    return result
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

/// The `key=value` fields of one capture record, with the value readers
/// the capture format uses. Every key may appear once; a reader removes
/// the key it reads, so what is left at the end is unknown.
struct CaptureFields {
  /// The record's kind (its first word), for messages.
  let kind: String
  private var fields: [(key: String, value: [UInt8])]

  /// Splits `words` (after the kind) into fields.
  init(kind: String, words: [ArraySlice<UInt8>]) throws(TraceSyntaxError) {
    self.kind = kind
    fields = []
    for word in words {
      guard let equals = word.firstIndex(of: UInt8(ascii: "=")), equals > word.startIndex else {
        throw TraceSyntaxError(
          "\(kind): '\(PrintableText.of(String(decoding: word, as: UTF8.self)))' is not key=value")
      }
      let key = String(decoding: word[..<equals], as: UTF8.self)
      guard !fields.contains(where: { $0.key == key }) else {
        throw TraceSyntaxError("\(kind): \(PrintableText.of(key))= given twice")
      }
      fields.append((key, Array(word[(equals + 1)...])))
    }
  }

  /// Removes and returns the raw value of `key`, nil when absent.
  mutating func take(_ key: String) -> [UInt8]? {
    guard let index = fields.firstIndex(where: { $0.key == key }) else { return nil }
    return fields.remove(at: index).value
  }

  /// Removes `key` when its value is exactly `text`; whether it did.
  mutating func take(ifEqualTo text: String, key: String) -> Bool {
    guard let index = fields.firstIndex(where: { $0.key == key }),
      fields[index].value == Array(text.utf8)
    else { return false }
    fields.remove(at: index)
    return true
  }

  /// Whether `key` is given.
  func contains(_ key: String) -> Bool { fields.contains(where: { $0.key == key }) }

  /// The raw value of a key the record must have.
  mutating func required(_ key: String) throws(TraceSyntaxError) -> [UInt8] {
    guard let value = take(key) else { throw TraceSyntaxError("\(kind): missing \(key)=") }
    return value
  }

  /// Fails on a key no reader took.
  func requireNoOthers(known: [String]) throws(TraceSyntaxError) {
    guard let first = fields.first else { return }
    throw TraceSyntaxError(
      "\(kind): unknown field \(PrintableText.of(first.key))="
        + ClosestName.hint(first.key, among: known))
  }
}

// MARK: - Values

extension CaptureFields {
  /// A `0x`-prefixed hex number of at most 64 bits.
  mutating func hex(_ key: String) throws(TraceSyntaxError) -> UInt64 {
    let value = try required(key)
    guard value.count > 2, value.count <= 18, value[0] == UInt8(ascii: "0"),
      value[1] == UInt8(ascii: "x") || value[1] == UInt8(ascii: "X")
    else { throw bad(key, value, "a 0x hex number of at most 64 bits") }
    var result: UInt64 = 0
    for byte in value[2...] {
      guard let digit = Self.hexDigit(byte) else {
        throw bad(key, value, "a 0x hex number of at most 64 bits")
      }
      result = result << 4 | UInt64(digit)
    }
    return result
  }

  /// A signed decimal number in `range`.
  mutating func decimal(
    _ key: String, in range: ClosedRange<Int64> = Int64(Int32.min)...Int64(Int32.max)
  ) throws(TraceSyntaxError) -> Int64 {
    let value = try required(key)
    guard let number = Self.signedDecimal(value), range.contains(number) else {
      throw bad(key, value, "a decimal number from \(range.lowerBound) to \(range.upperBound)")
    }
    return number
  }

  /// An unsigned decimal number of at most 64 bits.
  mutating func unsignedDecimal(_ key: String) throws(TraceSyntaxError) -> UInt64 {
    let value = try required(key)
    guard !value.isEmpty, value.count <= 20 else {
      throw bad(key, value, "an unsigned decimal number of at most 64 bits")
    }
    var result: UInt64 = 0
    for byte in value {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
        throw bad(key, value, "an unsigned decimal number of at most 64 bits")
      }
      let (times, overflow1) = result.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
      guard !overflow1, !overflow2 else {
        throw bad(key, value, "an unsigned decimal number of at most 64 bits")
      }
      result = sum
    }
    return result
  }

  /// `true` or `false`.
  mutating func bool(_ key: String) throws(TraceSyntaxError) -> Bool {
    let value = try required(key)
    switch value {
    case Array("true".utf8): return true
    case Array("false".utf8): return false
    default: throw bad(key, value, "true or false")
    }
  }

  /// A percent-encoded string.
  mutating func string(_ key: String) throws(TraceSyntaxError) -> String {
    let value = try required(key)
    guard let decoded = PercentEncoding.decode(value) else {
      throw bad(key, value, "a string with each % followed by two hex digits")
    }
    return decoded
  }

  /// An optional percent-encoded string.
  mutating func optionalString(_ key: String) throws(TraceSyntaxError) -> String? {
    guard let value = take(key) else { return nil }
    guard let decoded = PercentEncoding.decode(value) else {
      throw bad(key, value, "a string with each % followed by two hex digits")
    }
    return decoded
  }

  private func bad(_ key: String, _ value: [UInt8], _ wanted: String) -> TraceSyntaxError {
    TraceSyntaxError(
      "\(kind): \(key)=\(PrintableText.of(String(decoding: value, as: UTF8.self))) is not \(wanted)"
    )
  }

  static func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  static func signedDecimal(_ value: [UInt8]) -> Int64? {
    var digits = value[...]
    let negative = digits.first == UInt8(ascii: "-")
    if negative { digits = digits.dropFirst() }
    guard !digits.isEmpty, digits.count <= 19 else { return nil }
    var result: Int64 = 0
    for byte in digits {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      let (times, overflow1) = result.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
      guard !overflow1, !overflow2 else { return nil }
      result = sum
    }
    return negative ? -result : result
  }
}

/// Reads one JSON text (RFC 8259), as a QMP reply or a saved copy of one
/// is: what `regionsim import` needs to read `x-query-ramblock` and
/// `query-memdev`. Errors name the line.
public struct JSONReader {
  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  /// Nesting beyond this is refused (no QMP reply comes near it), so a
  /// hostile file cannot exhaust the stack.
  static let maximumDepth = 64

  /// Parses `bytes`, which must hold one value and white space.
  public static func parse(_ bytes: [UInt8]) throws(TraceError) -> JSONValue {
    var reader = JSONReader(bytes: bytes)
    let value = try reader.value(depth: 0)
    reader.skipSpace()
    guard reader.index == bytes.count else { throw reader.failure("text after the JSON value") }
    return value
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private mutating func value(depth: Int) throws(TraceError) -> JSONValue {
    guard depth < Self.maximumDepth else {
      throw failure("JSON nested deeper than \(Self.maximumDepth) levels")
    }
    skipSpace()
    guard index < bytes.count else { throw failure("the JSON text ends where a value should be") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default:
      throw failure(
        "unexpected '\(PrintableText.of(String(decoding: [bytes[index]], as: UTF8.self)))' in JSON")
    }
  }

  private mutating func object(depth: Int) throws(TraceError) -> JSONValue {
    index += 1
    var members: [(key: String, value: JSONValue)] = []
    skipSpace()
    if peek(UInt8(ascii: "}")) {
      index += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard peek(UInt8(ascii: "\"")) else {
        throw failure("a JSON object member needs a quoted name")
      }
      let key = try string()
      skipSpace()
      guard peek(UInt8(ascii: ":")) else {
        throw failure("':' expected after \"\(PrintableText.of(key))\"")
      }
      index += 1
      members.append((key, try value(depth: depth + 1)))
      skipSpace()
      if peek(UInt8(ascii: ",")) {
        index += 1
      } else if peek(UInt8(ascii: "}")) {
        index += 1
        return .object(members)
      } else {
        throw failure("',' or '}' expected in a JSON object")
      }
    }
  }

  private mutating func array(depth: Int) throws(TraceError) -> JSONValue {
    index += 1
    var values: [JSONValue] = []
    skipSpace()
    if peek(UInt8(ascii: "]")) {
      index += 1
      return .array(values)
    }
    while true {
      values.append(try value(depth: depth + 1))
      skipSpace()
      if peek(UInt8(ascii: ",")) {
        index += 1
      } else if peek(UInt8(ascii: "]")) {
        index += 1
        return .array(values)
      } else {
        throw failure("',' or ']' expected in a JSON array")
      }
    }
  }

  private mutating func string() throws(TraceError) -> String {
    index += 1
    var text: [UInt8] = []
    while true {
      guard index < bytes.count else { throw failure("a JSON string is not closed") }
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""): return String(decoding: text, as: UTF8.self)
      case UInt8(ascii: "\\"): try escape(into: &text)
      case 0..<0x20:
        throw failure("a control character inside a JSON string (write it as \\n, \\t or \\u00XX)")
      default: text.append(byte)
      }
    }
  }

  private mutating func escape(into text: inout [UInt8]) throws(TraceError) {
    guard index < bytes.count else { throw failure("a JSON string is not closed") }
    let byte = bytes[index]
    index += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
    case UInt8(ascii: "b"): text.append(0x08)
    case UInt8(ascii: "f"): text.append(0x0C)
    case UInt8(ascii: "n"): text.append(0x0A)
    case UInt8(ascii: "r"): text.append(0x0D)
    case UInt8(ascii: "t"): text.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try hex4()
      if (0xD800..<0xDC00).contains(scalar), bytes[index...].starts(with: Array("\\u".utf8)) {
        index += 2
        let low = try hex4()
        guard (0xDC00..<0xE000).contains(low) else {
          throw failure("a lone surrogate in a JSON string")
        }
        scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
      }
      let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
      text.append(contentsOf: Array(String(character).utf8))
    default: throw failure("an unknown escape in a JSON string")
    }
  }

  private mutating func hex4() throws(TraceError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw failure("\\u needs four hex digits") }
    var value: UInt32 = 0
    for byte in bytes[index..<index + 4] {
      guard let digit = CaptureFields.hexDigit(byte) else {
        throw failure("\\u needs four hex digits")
      }
      value = value << 4 | UInt32(digit)
    }
    index += 4
    return value
  }

  private mutating func number() throws(TraceError) -> JSONValue {
    let start = index
    while index < bytes.count,
      Array("+-.eE0123456789".utf8).contains(bytes[index])
    {
      index += 1
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard text != "-", Double(text) != nil else { throw failure("'\(text)' is not a JSON number") }
    return .number(text)
  }

  private mutating func literal(_ word: String, _ value: JSONValue) throws(TraceError) -> JSONValue
  {
    guard bytes[index...].starts(with: Array(word.utf8)) else {
      throw failure("unexpected text in JSON (expected '\(word)')")
    }
    index += word.utf8.count
    return value
  }

  private mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x0A:
        line += 1
        index += 1
      case 0x20, 0x09, 0x0D: index += 1
      default: return
      }
    }
  }

  private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

  private func failure(_ message: String) -> TraceError {
    TraceError(line: line, message: message)
  }
}

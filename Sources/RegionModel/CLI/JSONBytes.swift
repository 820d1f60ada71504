/// Writes the JSON of the `--json` reports as bytes into a buffer reused
/// from entry to entry: what ``JSONText`` writes, without a `String` per
/// value. Strings are escaped byte by byte as ``JSONText/quoted(_:)``
/// escapes scalars (the text is valid UTF-8, whose multi-byte sequences pass
/// through unchanged).
struct JSONBytes {
  /// The bytes written since the last ``removeAll()``.
  private(set) var bytes: [UInt8]

  /// An empty buffer.
  init() {
    bytes = []
    bytes.reserveCapacity(1 << 10)
  }

  /// Empties the buffer, keeping its storage.
  mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
  }

  /// Writes JSON text as is (punctuation, a key already quoted).
  mutating func raw(_ text: StaticString) {
    bytes.appendBytes(atMost: text.utf8CodeUnitCount) { $0.write(text) }
  }

  /// Writes bytes as they are (the text reports share the buffer).
  mutating func text(_ text: UnsafeBufferPointer<UInt8>) {
    bytes.appendBytes(atMost: text.count) { $0.write(text) }
  }

  /// Writes a number.
  mutating func number(_ value: Int) {
    bytes.appendBytes(atMost: 20) { $0.writeDecimal(Int64(value)) }
  }

  /// Writes `text` as a quoted JSON string.
  mutating func string(_ text: UnsafeBufferPointer<UInt8>) {
    // At most six bytes (\u00XX) per byte, and the quotes.
    bytes.appendBytes(atMost: 2 + 6 * text.count) { cursor in
      cursor.write(UInt8(ascii: "\""))
      for byte in text {
        switch byte {
        case UInt8(ascii: "\""):
          cursor.write("\\\"")
        case UInt8(ascii: "\\"):
          cursor.write("\\\\")
        case UInt8(ascii: "\n"):
          cursor.write("\\n")
        case UInt8(ascii: "\r"):
          cursor.write("\\r")
        case UInt8(ascii: "\t"):
          cursor.write("\\t")
        case 0..<0x20:
          cursor.write("\\u00")
          cursor.write(Self.hexDigit(byte >> 4))
          cursor.write(Self.hexDigit(byte & 0xF))
        default:
          cursor.write(byte)
        }
      }
      cursor.write(UInt8(ascii: "\""))
    }
  }

  /// Writes fixed text as a quoted JSON string.
  mutating func string(_ text: StaticString) {
    string(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Writes a string's UTF-8 as a quoted JSON string.
  mutating func string(_ text: String) {
    var text = text
    text.withUTF8 { string($0) }
  }

  private static func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
  }
}

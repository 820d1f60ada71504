#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Classes of the ASCII bytes the trace grammar distinguishes.
enum ByteClass {
  static let space = UInt8(ascii: " ")
  static let tab = UInt8(ascii: "\t")
  static let carriageReturn = UInt8(ascii: "\r")
  static let hash = UInt8(ascii: "#")
  static let greaterThan = UInt8(ascii: ">")
  static let equals = UInt8(ascii: "=")
  static let minus = UInt8(ascii: "-")

  /// Space or tab separate tokens; a carriage return is taken as white space
  /// too, so that files with CRLF line ends read as they look.
  static func isWhiteSpace(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == carriageReturn
  }

  /// `[A-Za-z0-9_.-]`, the bytes of a NAME or NODE.
  static func isNameByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
      UInt8(ascii: "-"):
      true
    default: false
    }
  }
}

// MARK: - Comparing bytes

extension ByteClass {
  /// Whether `bytes` are exactly the UTF-8 of `text`.
  @inline(__always)
  static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
    guard bytes.count == text.utf8CodeUnitCount else { return false }
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
    return memcmp(base, text.utf8Start, bytes.count) == 0
  }

  /// Whether two static strings have the same bytes.
  @inline(__always)
  static func equal(_ lhs: StaticString, _ rhs: StaticString) -> Bool {
    equal(UnsafeBufferPointer(start: lhs.utf8Start, count: lhs.utf8CodeUnitCount), rhs)
  }
}

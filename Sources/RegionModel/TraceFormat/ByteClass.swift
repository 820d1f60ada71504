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

  /// `[A-Za-z0-9_.-]`, the bytes of a NAME or NODE: one bit per ASCII
  /// byte in two masks, `-`, `.` and the digits in the low one, the
  /// letters and `_` in the high one.
  @inline(__always)
  static func isNameByte(_ byte: UInt8) -> Bool {
    let low: UInt64 = 0x03FF_6000_0000_0000
    let high: UInt64 = 0x07FF_FFFE_87FF_FFFE
    let mask = byte < 64 ? low : byte < 128 ? high : 0
    return (mask >> UInt64(byte & 63)) & 1 != 0
  }
}

// MARK: - Comparing bytes

extension ByteClass {
  /// Whether `bytes` are exactly the UTF-8 of `text`. A plain loop over
  /// the two pointers, four bytes at a time while it can (the keywords
  /// and keys compared on every line are mostly 4 to 10 bytes): the
  /// generic `elementsEqual` was not inlined and cost more than the
  /// keywords it compared.
  @inline(__always)
  static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard bytes.count == count else { return false }
    guard let base = bytes.baseAddress else { return true }
    let other = text.utf8Start
    var index = 0
    while index + 4 <= count {
      let lhs = UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self)
      let rhs = UnsafeRawPointer(other + index).loadUnaligned(as: UInt32.self)
      if lhs != rhs { return false }
      index += 4
    }
    while index < count {
      if base[index] != other[index] { return false }
      index += 1
    }
    return true
  }

  /// Whether two static strings have the same bytes.
  @inline(__always)
  static func equal(_ lhs: StaticString, _ rhs: StaticString) -> Bool {
    equal(UnsafeBufferPointer(start: lhs.utf8Start, count: lhs.utf8CodeUnitCount), rhs)
  }
}

/// The number syntaxes of the trace format, parsed from bytes.
enum TraceNumber {
  /// Why a number token was refused.
  enum Failure: Error {
    case malformed
    case outOfRange
  }

  /// Parses an `ADDR` or `LEN`: decimal, decimal with a binary suffix `K`,
  /// `M`, `G` or `T`, or hex after `0x`/`0X` (digits in either case).
  static func unsigned64(_ token: UnsafeBufferPointer<UInt8>) throws(Failure) -> UInt64 {
    guard !token.isEmpty else { throw .malformed }
    if token.count > 2, token[0] == UInt8(ascii: "0"),
      token[1] == UInt8(ascii: "x") || token[1] == UInt8(ascii: "X")
    {
      return try hex(UnsafeBufferPointer(rebasing: token[2...]))
    }
    var digitsEnd = token.count
    var shift: UInt64 = 0
    switch token[token.count - 1] {
    case UInt8(ascii: "K"): shift = 10
    case UInt8(ascii: "M"): shift = 20
    case UInt8(ascii: "G"): shift = 30
    case UInt8(ascii: "T"): shift = 40
    default: break
    }
    if shift != 0 { digitsEnd -= 1 }
    let value = try decimal(UnsafeBufferPointer(rebasing: token[..<digitsEnd]))
    guard value <= UInt64.max >> shift else { throw .outOfRange }
    return value << shift
  }

  /// Parses a run of decimal digits.
  static func decimal(_ digits: UnsafeBufferPointer<UInt8>) throws(Failure) -> UInt64 {
    guard !digits.isEmpty else { throw .malformed }
    var value: UInt64 = 0
    var overflow = false
    for byte in digits {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw .malformed }
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
      overflow = overflow || o1 || o2
      value = sum
    }
    if overflow { throw .outOfRange }
    return value
  }

  /// Parses a run of hex digits in either case.
  static func hex(_ digits: UnsafeBufferPointer<UInt8>) throws(Failure) -> UInt64 {
    guard !digits.isEmpty else { throw .malformed }
    var value: UInt64 = 0
    var overflow = false
    for byte in digits {
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw .malformed
      }
      overflow = overflow || value >> 60 != 0
      value = value << 4 | UInt64(digit)
    }
    if overflow { throw .outOfRange }
    return value
  }

  /// Parses an `FD`: a signed 32-bit decimal integer.
  static func fd(_ token: UnsafeBufferPointer<UInt8>) throws(Failure) -> Int32 {
    let negative = token.first == ByteClass.minus
    let magnitude = try decimal(UnsafeBufferPointer(rebasing: token[(negative ? 1 : 0)...]))
    if negative {
      guard magnitude <= 1 << 31 else { throw .outOfRange }
      return Int32(truncatingIfNeeded: 0 &- Int64(magnitude))
    }
    guard magnitude <= UInt64(Int32.max) else { throw .outOfRange }
    return Int32(magnitude)
  }
}

/// The capture format's strings: every byte outside `!`...`~`, and `%`
/// itself, is written `%XX`, so a string is one word without spaces.
enum PercentEncoding {
  /// The decoded text (invalid UTF-8 repaired), nil when a `%` is not
  /// followed by two hex digits.
  static func decode(_ bytes: [UInt8]) -> String? {
    var decoded: [UInt8] = []
    decoded.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "%") {
        guard index + 2 < bytes.count,
          let high = CaptureFields.hexDigit(bytes[index + 1]),
          let low = CaptureFields.hexDigit(bytes[index + 2])
        else { return nil }
        decoded.append(high << 4 | low)
        index += 3
      } else {
        decoded.append(byte)
        index += 1
      }
    }
    return String(decoding: decoded, as: UTF8.self)
  }
}

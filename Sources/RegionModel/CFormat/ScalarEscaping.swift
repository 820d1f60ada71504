/// The one loop behind every escaper of the project (``PrintableText``
/// for terminals, JSON strings, HTML and SVG text): each Unicode scalar of
/// a text either stays or is replaced by what the escaper's table says.
enum ScalarEscaping {
  /// `text` with each scalar for which `replacement` gives a string
  /// replaced by it.
  static func escape(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if let replaced = replacement(scalar) {
        result += replaced
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// `value` as `width` lowercase hex digits at least (`0a`, `001f`).
  static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

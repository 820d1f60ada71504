/// Text for HTML and SVG: escaped so that a trace's bytes can neither
/// break the markup nor reach the reader as control characters.
enum Markup {
  /// `text` with `&`, `<`, `>` and quotes as entities and every control
  /// character shown as `\xNN`.
  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\n": result += "&#10;"
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
          result += "\\x" + hexByte(scalar.value)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }

  private static func hexByte(_ value: UInt32) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(value >> 4) & 0xF], digits[Int(value) & 0xF]])
  }

  /// A coordinate with at most two decimals.
  static func number(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(rounded)
  }

  /// A byte count the way people read it: `4 KiB`, `1 GiB`, or bytes.
  static func size(_ bytes: UInt64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = bytes
    var unit = 0
    while unit < units.count - 1, value >= 1024, value % 1024 == 0 {
      value /= 1024
      unit += 1
    }
    return "\(value) \(units[unit])"
  }
}

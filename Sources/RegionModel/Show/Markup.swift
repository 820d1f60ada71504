/// Text for HTML and SVG: escaped so that a trace's bytes can neither
/// break the markup nor reach the reader as control characters.
enum Markup {
  /// `text` with `&`, `<`, `>` and quotes as entities and every control
  /// character shown as `\xNN`.
  static func escape(_ text: String) -> String {
    ScalarEscaping.escape(text) { scalar in
      switch scalar {
      case "&": "&amp;"
      case "<": "&lt;"
      case ">": "&gt;"
      case "\"": "&quot;"
      case "'": "&#39;"
      case "\n": "&#10;"
      default:
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
          ? "\\x" + ScalarEscaping.hex(scalar.value, width: 2) : nil
      }
    }
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

/// Just enough JSON writing for the `--json` reports: strings, numbers,
/// arrays and objects with keys in the order given.
indirect enum JSONText {
  case string(String)
  case number(Int)
  case null
  case array([JSONText])
  case object([(String, JSONText)])

  /// The compact JSON text.
  var text: String {
    switch self {
    case .string(let value): Self.quoted(value)
    case .number(let value): String(value)
    case .null: "null"
    case .array(let values): "[" + values.map(\.text).joined(separator: ",") + "]"
    case .object(let members):
      "{" + members.map { Self.quoted($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
    }
  }

  static func quoted(_ value: String) -> String {
    var result = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}

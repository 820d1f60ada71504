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
    let escaped = ScalarEscaping.escape(value) { scalar in
      switch scalar {
      case "\"": "\\\""
      case "\\": "\\\\"
      case "\n": "\\n"
      case "\r": "\\r"
      case "\t": "\\t"
      default: scalar.value < 0x20 ? "\\u" + ScalarEscaping.hex(scalar.value, width: 4) : nil
      }
    }
    return "\"" + escaped + "\""
  }
}

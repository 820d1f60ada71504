/// A JSON value as QMP replies hold them. Numbers keep their text, since
/// QMP's `size` and `uint64` members go past what a `Double` holds exactly.
public indirect enum JSONValue: Hashable, Sendable {
  case object([(key: String, value: JSONValue)])
  case array([JSONValue])
  case string(String)
  case number(String)
  case bool(Bool)
  case null

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.object(let a), .object(let b)):
      a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    case (.array(let a), .array(let b)): a == b
    case (.string(let a), .string(let b)), (.number(let a), .number(let b)): a == b
    case (.bool(let a), .bool(let b)): a == b
    case (.null, .null): true
    default: false
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .object(let members):
      hasher.combine(0)
      for member in members {
        hasher.combine(member.key)
        hasher.combine(member.value)
      }
    case .array(let values): hasher.combine(values)
    case .string(let text): hasher.combine(text)
    case .number(let text): hasher.combine(text)
    case .bool(let value): hasher.combine(value)
    case .null: hasher.combine(1)
    }
  }

  /// The member `key` of an object (the first, if repeated).
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first(where: { $0.key == key })?.value
  }

  /// A number that is an unsigned integer of at most 64 bits.
  public var unsignedInteger: UInt64? {
    guard case .number(let text) = self else { return nil }
    return UInt64(text)
  }

  /// The text of a string.
  public var stringValue: String? {
    guard case .string(let text) = self else { return nil }
    return text
  }

  /// The value of a boolean.
  public var boolValue: Bool? {
    guard case .bool(let value) = self else { return nil }
    return value
  }
}

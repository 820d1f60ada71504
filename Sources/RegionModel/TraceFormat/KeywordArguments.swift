/// The `key=value` tokens of one record, checked against the keys the record
/// allows: each at most once, none unknown.
///
/// The values are kept by the index of their key in the allowed list, in
/// a fixed inline array: reading a line's keywords allocates nothing.
struct KeywordArguments {
  /// The record's keyword, for messages.
  let record: String
  /// The line's bytes.
  let line: UnsafeBufferPointer<UInt8>
  /// The keys the record allows.
  let allowed: [StaticString]
  /// The value range of each allowed key, by its index; empty-upper -1
  /// when not given.
  private var values: InlineArray<16, (Int32, Int32)>

  /// Reads tokens `first...` as `key=value` pairs whose keys are in `allowed`
  /// (at most 16).
  init(
    record: String, tokens: LineTokens, from first: Int, allowed: [StaticString]
  ) throws(TraceSyntaxError) {
    self.record = record
    line = tokens.line
    self.allowed = allowed
    values = InlineArray(repeating: (-1, -1))
    var index = first
    while index < tokens.count {
      let range = tokens.range(index)
      guard let equals = tokens.line[range].firstIndex(of: ByteClass.equals) else {
        throw TraceSyntaxError("expected key=value, found '\(tokens.text(index))'")
      }
      let key = tokens.bytes(range.lowerBound..<equals)
      guard let slot = allowed.firstIndex(where: { ByteClass.equal(key, $0) }) else {
        let expected =
          allowed.isEmpty ? "none" : allowed.map { $0.description }.joined(separator: ", ")
        throw TraceSyntaxError(
          "unknown key '\(LineTokens.display(key))' for '\(record)'"
            + ClosestName.hint(
              String(decoding: key, as: UTF8.self), among: allowed.map(\.description))
            + "; keys: \(expected)")
      }
      guard values[slot].0 < 0 else {
        throw TraceSyntaxError("key '\(allowed[slot])' is given twice")
      }
      values[slot] = (
        Int32(truncatingIfNeeded: equals + 1), Int32(truncatingIfNeeded: range.upperBound)
      )
      index += 1
    }
  }

  /// Whether `key` was given.
  func has(_ key: StaticString) -> Bool {
    optional(key) != nil
  }

  /// The value of `key`, or nil when it was not given.
  func optional(_ key: StaticString) -> UnsafeBufferPointer<UInt8>? {
    for slot in allowed.indices where ByteClass.equal(allowed[slot], key) {
      let (start, end) = values[slot]
      return start < 0 ? nil : UnsafeBufferPointer(rebasing: line[Int(start)..<Int(end)])
    }
    return nil
  }

  /// The value of the key at `slot` of the allowed list, or nil when it
  /// was not given: the hot records read their keys this way, by position.
  func optional(at slot: Int) -> UnsafeBufferPointer<UInt8>? {
    let (start, end) = values[slot]
    return start < 0 ? nil : UnsafeBufferPointer(rebasing: line[Int(start)..<Int(end)])
  }

  /// A required `ADDR` or `LEN` at `slot` of the allowed list.
  func requiredUnsigned64(at slot: Int) throws(TraceSyntaxError) -> UInt64 {
    guard let value = optional(at: slot) else {
      throw TraceSyntaxError("'\(record)' needs \(allowed[slot])=")
    }
    return try unsigned64(allowed[slot], value)
  }

  /// The value of a key the record requires.
  func required(_ key: StaticString) throws(TraceSyntaxError) -> UnsafeBufferPointer<UInt8> {
    guard let value = optional(key) else {
      throw TraceSyntaxError("'\(record)' needs \(key)=")
    }
    return value
  }
}

// MARK: - Typed values

extension KeywordArguments {
  /// An `ADDR` or `LEN` value.
  func unsigned64(_ key: StaticString, _ value: UnsafeBufferPointer<UInt8>) throws(TraceSyntaxError)
    -> UInt64
  {
    do {
      return try TraceNumber.unsigned64(value)
    } catch .malformed {
      throw TraceSyntaxError(
        "\(key)='\(LineTokens.display(value))' is not a number "
          + "(decimal, decimal with K, M, G or T, or hex with 0x)")
    } catch {
      throw TraceSyntaxError(
        "\(key)='\(LineTokens.display(value))' does not fit in an unsigned 64-bit integer")
    }
  }

  /// A required `ADDR` or `LEN`.
  func requiredUnsigned64(_ key: StaticString) throws(TraceSyntaxError) -> UInt64 {
    try unsigned64(key, try required(key))
  }

  /// An optional `ADDR` or `LEN`.
  func optionalUnsigned64(_ key: StaticString) throws(TraceSyntaxError) -> UInt64? {
    guard let value = optional(key) else { return nil }
    return try unsigned64(key, value)
  }

  /// An `FD` value.
  func fd(_ key: StaticString, _ value: UnsafeBufferPointer<UInt8>) throws(TraceSyntaxError)
    -> Int32
  {
    do {
      return try TraceNumber.fd(value)
    } catch .malformed {
      throw TraceSyntaxError(
        "\(key)='\(LineTokens.display(value))' is not a decimal file descriptor")
    } catch {
      throw TraceSyntaxError(
        "\(key)='\(LineTokens.display(value))' does not fit in a signed 32-bit integer")
    }
  }

  /// A `BOOL` value; with `allowAbsent`, `absent` gives nil.
  func bool(_ key: StaticString, _ value: UnsafeBufferPointer<UInt8>, allowAbsent: Bool = false)
    throws(TraceSyntaxError) -> Bool?
  {
    try Self.parseBool(key, value, allowAbsent: allowAbsent)
  }

  /// A `BOOL` value of `key`, read without a ``KeywordArguments``.
  static func parseBool(
    _ key: StaticString, _ value: UnsafeBufferPointer<UInt8>, allowAbsent: Bool = false
  ) throws(TraceSyntaxError) -> Bool? {
    switch String(decoding: value, as: UTF8.self) {
    case "true": return true
    case "false": return false
    case "absent" where allowAbsent: return nil
    default:
      let expected = allowAbsent ? "true, false or absent" : "true or false"
      throw TraceSyntaxError("\(key)='\(LineTokens.display(value))' is not \(expected)")
    }
  }

  /// A required `NAME`/`NODE` value.
  func nameBytes(_ key: StaticString) throws(TraceSyntaxError) -> UnsafeBufferPointer<UInt8> {
    try Self.validName(key, try required(key))
  }

  /// `value` if it is a valid `NAME`/`NODE` (the value of `key`).
  static func validName(
    _ key: StaticString, _ value: UnsafeBufferPointer<UInt8>
  ) throws(TraceSyntaxError) -> UnsafeBufferPointer<UInt8> {
    guard !value.isEmpty, value.allSatisfy(ByteClass.isNameByte) else {
      throw TraceSyntaxError(
        "\(key)='\(LineTokens.display(value))' is not a valid name "
          + "(letters, digits, '_', '.' and '-' only)")
    }
    return value
  }

  /// A `RET` value: `0` or a negative errno name.
  func ret(_ key: StaticString) throws(TraceSyntaxError) -> ReturnValue {
    let value = try required(key)
    let text = String(decoding: value, as: UTF8.self)
    if text == "0" { return .success }
    if text.hasPrefix("-"), let errno = Errno(name: text.dropFirst()) { return .failure(errno) }
    throw TraceSyntaxError(
      "\(key)='\(LineTokens.display(value))' is not 0 or a negative errno name ("
        + Errno.allCases.map { "-" + $0.name }.joined(separator: ", ") + ")")
  }
}

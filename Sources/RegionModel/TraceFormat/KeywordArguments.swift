/// The `key=value` tokens of one record, checked against the keys the record
/// allows: each at most once, none unknown.
struct KeywordArguments {
  /// The record's keyword, for messages.
  let record: String
  /// The line's tokens.
  let tokens: LineTokens
  /// The value range of each key given.
  private var values: [String: Range<Int>]

  /// Reads tokens `first...` as `key=value` pairs whose keys are in `allowed`.
  init(
    record: String, tokens: LineTokens, from first: Int, allowed: [String]
  ) throws(TraceSyntaxError) {
    self.record = record
    self.tokens = tokens
    values = [:]
    for index in first..<tokens.count {
      let range = tokens.ranges[index]
      guard let equals = tokens.line[range].firstIndex(of: ByteClass.equals) else {
        throw TraceSyntaxError("expected key=value, found '\(tokens.text(index))'")
      }
      let key = String(decoding: tokens.bytes(range.lowerBound..<equals), as: UTF8.self)
      guard allowed.contains(key) else {
        let expected = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
        throw TraceSyntaxError(
          "unknown key '\(LineTokens.display(tokens.bytes(range.lowerBound..<equals)))' "
            + "for '\(record)' (keys: \(expected))")
      }
      guard values[key] == nil else {
        throw TraceSyntaxError("key '\(key)' is given twice")
      }
      values[key] = (equals + 1)..<range.upperBound
    }
  }

  /// The keys given, in no particular order.
  var keys: Dictionary<String, Range<Int>>.Keys { values.keys }

  /// The value of `key`, or nil when it was not given.
  func optional(_ key: String) -> UnsafeBufferPointer<UInt8>? {
    values[key].map { tokens.bytes($0) }
  }

  /// The value of a key the record requires.
  func required(_ key: String) throws(TraceSyntaxError) -> UnsafeBufferPointer<UInt8> {
    guard let value = optional(key) else {
      throw TraceSyntaxError("'\(record)' needs \(key)=")
    }
    return value
  }
}

// MARK: - Typed values

extension KeywordArguments {
  /// An `ADDR` or `LEN` value.
  func unsigned64(_ key: String, _ value: UnsafeBufferPointer<UInt8>) throws(TraceSyntaxError)
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
  func requiredUnsigned64(_ key: String) throws(TraceSyntaxError) -> UInt64 {
    try unsigned64(key, try required(key))
  }

  /// An optional `ADDR` or `LEN`.
  func optionalUnsigned64(_ key: String) throws(TraceSyntaxError) -> UInt64? {
    guard let value = optional(key) else { return nil }
    return try unsigned64(key, value)
  }

  /// An `FD` value.
  func fd(_ key: String, _ value: UnsafeBufferPointer<UInt8>) throws(TraceSyntaxError) -> Int32 {
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
  func bool(_ key: String, _ value: UnsafeBufferPointer<UInt8>, allowAbsent: Bool = false)
    throws(TraceSyntaxError) -> Bool?
  {
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
  func name(_ key: String) throws(TraceSyntaxError) -> String {
    let value = try required(key)
    guard !value.isEmpty, value.allSatisfy(ByteClass.isNameByte) else {
      throw TraceSyntaxError(
        "\(key)='\(LineTokens.display(value))' is not a valid name "
          + "(letters, digits, '_', '.' and '-' only)")
    }
    return String(decoding: value, as: UTF8.self)
  }

  /// A `RET` value: `0` or a negative errno name.
  func ret(_ key: String) throws(TraceSyntaxError) -> ReturnValue {
    let value = try required(key)
    let text = String(decoding: value, as: UTF8.self)
    if text == "0" { return .success }
    if text.hasPrefix("-"), let errno = Errno(name: text.dropFirst()) { return .failure(errno) }
    throw TraceSyntaxError(
      "\(key)='\(LineTokens.display(value))' is not 0 or a negative errno name ("
        + Errno.allCases.map { "-" + $0.name }.joined(separator: ", ") + ")")
  }
}

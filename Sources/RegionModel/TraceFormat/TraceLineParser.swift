/// Reads one line of a version-1 trace into a ``TraceLineOf``.
///
/// Implements the lexical rules and the records of Docs/TraceFormat.md:
/// blank lines and comments, the header, the inputs and the outputs.
/// Whether the header comes first, and whether an output has an input before
/// it, is the replayer's concern: this type sees one line at a time.
public enum TraceLineParser {
  /// Parses the bytes of one line (without its line feed), names as strings.
  public static func parse(_ line: UnsafeBufferPointer<UInt8>) throws(TraceSyntaxError) -> TraceLine
  {
    var names = StringNames()
    return try parse(line, names: &names)
  }

  /// Parses the bytes of one line, turning names into `names`' type.
  public static func parse<Resolver: NameResolver>(
    _ line: UnsafeBufferPointer<UInt8>, names: inout Resolver
  ) throws(TraceSyntaxError) -> TraceLineOf<Resolver.Name> {
    try checkEncoding(line)
    var start = 0
    while start < line.count, ByteClass.isWhiteSpace(line[start]) { start += 1 }
    guard start < line.count else { return .nothing }
    if line[start] == ByteClass.hash { return try VariantPin.parse(line, after: start + 1) }
    if line[start] == ByteClass.greaterThan {
      return .output(try OutputRecordParser.parse(line, after: start + 1))
    }
    let end = ByteScan.index(of: ByteClass.hash, in: line, from: start)
    if let input = HotInputParser.parse(line, from: start, to: end, names: &names) {
      return .input(input)
    }
    let tokens = LineTokens(line: line, from: start, to: end)
    if tokens.token(0, is: "blkio-trace") {
      guard tokens.count == 2, tokens.token(1, is: "1") else {
        throw TraceSyntaxError("this regionsim reads only traces with the header 'blkio-trace 1'")
      }
      return .header
    }
    return .input(try InputRecordParser.parse(tokens, names: &names))
  }

  /// Where the record of an input line that ``HotInputParser`` may read
  /// ends (its comment's start), when the line is ASCII and does not start
  /// with a comment (its first byte that is not white space is at
  /// `start`); nil for a line only ``parse(_:names:)`` reads. The replayer
  /// asks it first, then the hot parser, then the general one.
  static func hotRecordEnd(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard start < line.count, line[start] != ByteClass.hash, !ByteScan.hasNonASCII(line) else {
      return nil
    }
    return ByteScan.index(of: ByteClass.hash, in: line, from: start)
  }

  /// Refuses a line that is not valid UTF-8 (only lines with a byte above
  /// 0x7F need the full check).
  static func checkEncoding(_ line: UnsafeBufferPointer<UInt8>) throws(TraceSyntaxError) {
    guard ByteScan.hasNonASCII(line) else { return }
    if String(validating: line, as: UTF8.self) == nil {
      throw TraceSyntaxError("the line is not valid UTF-8")
    }
  }
}

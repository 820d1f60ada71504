/// The tokens of one trace line: byte ranges into the line, split on white
/// space, with the comment (from the first `#`) removed.
///
/// The ranges of the first 16 tokens are kept inline, so that splitting a
/// line allocates nothing; a longer line (never a valid one) spills into
/// an array.
struct LineTokens {
  /// The line's bytes.
  let line: UnsafeBufferPointer<UInt8>
  private var inline: InlineArray<16, (Int32, Int32)>
  private var spilled: [Range<Int>]
  /// The number of tokens.
  private(set) var count: Int

  /// Splits `line[start..<end]` into tokens.
  init(line: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
    self.line = line
    inline = InlineArray(repeating: (0, 0))
    spilled = []
    count = 0
    var index = start
    while index < end {
      while index < end, ByteClass.isWhiteSpace(line[index]) { index += 1 }
      let tokenStart = index
      while index < end, !ByteClass.isWhiteSpace(line[index]) { index += 1 }
      if index > tokenStart { append(tokenStart..<index) }
    }
  }

  private mutating func append(_ range: Range<Int>) {
    if count < 16 {
      inline[count] = (
        Int32(truncatingIfNeeded: range.lowerBound), Int32(truncatingIfNeeded: range.upperBound)
      )
    } else {
      if spilled.isEmpty { spilled.reserveCapacity(32) }
      spilled.append(range)
    }
    count += 1
  }

  /// The byte range of token `index`.
  func range(_ index: Int) -> Range<Int> {
    if index < 16 {
      let (start, end) = inline[index]
      return Int(start)..<Int(end)
    }
    return spilled[index - 16]
  }

  /// The bytes of token `index`.
  func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: line[range(index)])
  }

  /// The bytes of an arbitrary range of the line.
  func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: line[range])
  }

  /// Whether token `index` is exactly `text`.
  func token(_ index: Int, is text: StaticString) -> Bool {
    ByteClass.equal(bytes(index), text)
  }

  /// Token `index` as text, for messages (shortened when very long).
  func text(_ index: Int) -> String {
    Self.display(bytes(index))
  }

  /// Bytes as text for a message: invalid UTF-8 replaced, control
  /// characters escaped (``PrintableText``), long runs cut.
  static func display(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let limit = 60
    if bytes.count <= limit { return PrintableText.of(bytes) }
    return PrintableText.of(UnsafeBufferPointer(rebasing: bytes[..<limit])) + "…"
  }
}

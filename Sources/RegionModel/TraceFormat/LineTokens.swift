/// The tokens of one trace line: byte ranges into the line, split on white
/// space, with the comment (from the first `#`) removed.
struct LineTokens {
  /// The line's bytes.
  let line: UnsafeBufferPointer<UInt8>
  /// The ranges of the tokens, in order.
  let ranges: [Range<Int>]

  /// Splits `line[start..<end]` into tokens.
  init(line: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
    self.line = line
    var ranges: [Range<Int>] = []
    var index = start
    while index < end {
      while index < end, ByteClass.isWhiteSpace(line[index]) { index += 1 }
      let tokenStart = index
      while index < end, !ByteClass.isWhiteSpace(line[index]) { index += 1 }
      if index > tokenStart { ranges.append(tokenStart..<index) }
    }
    self.ranges = ranges
  }

  /// The number of tokens.
  var count: Int { ranges.count }

  /// The bytes of token `index`.
  func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: line[ranges[index]])
  }

  /// The bytes of an arbitrary range of the line.
  func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: line[range])
  }

  /// Whether token `index` is exactly `text`.
  func token(_ index: Int, is text: StaticString) -> Bool {
    text.withUTF8Buffer { bytes(index).elementsEqual($0) }
  }

  /// Token `index` as text, for messages (shortened when very long).
  func text(_ index: Int) -> String {
    Self.display(bytes(index))
  }

  /// Bytes as text for a message: invalid UTF-8 replaced, long runs cut.
  static func display(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let limit = 60
    if bytes.count <= limit { return String(decoding: bytes, as: UTF8.self) }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<limit]), as: UTF8.self) + "…"
  }
}

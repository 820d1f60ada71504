/// What can be learnt of a trace line from its bytes alone, before the
/// model has seen the lines above it: the part of parsing that the reading
/// thread does while the model runs (``ReadAheadLines``).
///
/// Nothing here is judged: a line is only sorted into the kinds below, and
/// the checks that need the trace's state (the header first, no output
/// before the first input) stay with ``TraceReplayer``. A line that fits
/// none of the quick shapes is left for ``TraceLineParser``, as before.
///
/// A plain value without references, so that handing one over copies
/// bytes only; the rarer inputs that hold strings wait in a list beside
/// the lines (``other(index:)``).
enum PreparsedLine: Sendable {
  /// Nothing but white space.
  case blank
  /// An output line; its record starts after the `>` at `recordStart`.
  case output(recordStart: Int32, quick: QuickOutput)
  /// One of the ``HotInputOf`` shapes, names as spans of the line.
  case hot(HotInputOf<NameSpan>)
  /// Another shape ``HotInputParser/parseOther(_:from:to:names:)`` reads:
  /// the input at `index` of the list the line was classified with.
  case other(index: Int32)
  /// Anything else: a comment, the header, a variant pin, a rarer input or
  /// an error, all for ``TraceLineParser``.
  case general

  /// Sorts `line`: white space first, then `>`, then the quick input
  /// shapes (only on a line without a comment start or a byte above 0x7F,
  /// as ``TraceLineParser/hotRecordEnd(_:from:)`` says), appending a
  /// rarer input to `others`.
  static func classify(
    _ line: UnsafeBufferPointer<UInt8>, others: inout [TraceInputOf<NameSpan>]
  ) -> PreparsedLine {
    var start = 0
    while start < line.count, ByteClass.isWhiteSpace(line[start]) { start += 1 }
    guard start < line.count else { return .blank }
    if line[start] == ByteClass.greaterThan {
      return .output(recordStart: Int32(start + 1), quick: QuickOutput.read(line))
    }
    guard let end = TraceLineParser.hotRecordEnd(line, from: start) else { return .general }
    var spans = NameSpanResolver(line: line)
    if let input = HotInputParser.parseHot(line, from: start, to: end, names: &spans) {
      return .hot(input)
    }
    if let input = HotInputParser.parseOther(line, from: start, to: end, names: &spans) {
      others.append(input)
      return .other(index: Int32(others.count - 1))
    }
    return .general
  }
}

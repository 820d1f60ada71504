/// Compares the expected outputs of a trace with the model's, one input at a
/// time, as Docs/TraceFormat.md says `check` does.
///
/// For each input the model's outputs are its calls in order, then its
/// result if it yields one. The trace's output lines after the input must be
/// exactly those, except that the result may be left out at the end. So
/// calls are compared one for one and in order (no call line means no call),
/// and a result line after an input that yields none is a mismatch.
///
/// A line written canonically is compared by its bytes with the model's
/// canonical line, so the common case parses nothing; any other line is
/// parsed and compared as a record. The input's text is kept (in a reused
/// buffer) only for the report.
public struct TraceChecker: Sendable {
  /// The model's output lines for the pending input.
  private var actual: OutputLines
  /// How many of them have been matched.
  private var cursor: Int
  /// Whether an input is pending.
  private var pending: Bool
  /// The pending input's line number and trimmed bytes.
  private var inputLine: Int
  private var inputText: [UInt8]
  /// What has been compared so far.
  public private(set) var statistics: CheckStatistics
  /// The first mismatch, once found; nothing is compared after it.
  public private(set) var mismatch: Mismatch? {
    didSet { hasMismatch = mismatch != nil }
  }
  /// Whether ``mismatch`` is set: what the per-line paths test, since
  /// `mismatch == nil` copied the optional record out (a memmove per line).
  private var hasMismatch: Bool
  /// The statistics as they stood at the first mismatch.
  public private(set) var statisticsAtMismatch: CheckStatistics

  /// A checker at the start of a trace.
  public init() {
    actual = OutputLines()
    cursor = 0
    pending = false
    inputLine = 0
    inputText = []
    statistics = CheckStatistics()
    mismatch = nil
    hasMismatch = false
    statisticsAtMismatch = CheckStatistics()
  }
}

// MARK: - Comparing

extension TraceChecker {
  /// Takes a replayed input: closes the one before (returning its mismatch,
  /// if any) and makes this one pending.
  ///
  /// The input's outputs are taken from `outputs` by swapping buffers, so
  /// that neither side copies or allocates.
  public mutating func consumeInput(
    _ outputs: inout OutputLines, line: Int, text: UnsafeBufferPointer<UInt8>
  ) {
    guard !hasMismatch else { return }
    if let found = closePending(at: line) {
      noteMismatch(found)
      return
    }
    statistics.inputs += 1
    swap(&actual, &outputs)
    cursor = 0
    pending = true
    inputLine = line
    inputText.removeAll(keepingCapacity: true)
    inputText.append(contentsOf: Self.trimmedRange(text))
  }

  private mutating func noteMismatch(_ found: Mismatch) {
    mismatch = found
    statisticsAtMismatch = statistics
  }

  /// Takes an expected output line (`line` is its bytes, the record starting
  /// after `recordStart`), noting the first mismatch. Throws if the line is
  /// not a valid output record.
  public mutating func consumeOutput(
    _ bytes: UnsafeBufferPointer<UInt8>, recordStart: Int, line: Int
  ) throws(TraceError) {
    if !hasMismatch, pending, cursor < actual.count, actual.line(cursor, equals: bytes) {
      statistics.outputLines += 1
      count(matched: cursor)
      return
    }
    guard !hasMismatch else {
      _ = try TraceStream.outputRecord(bytes, after: recordStart, number: line)
      return
    }
    statistics.outputLines += 1
    guard pending else {
      _ = try TraceStream.outputRecord(bytes, after: recordStart, number: line)
      return
    }
    let expected = try TraceStream.outputRecord(bytes, after: recordStart, number: line)
    let model = cursor < actual.count ? actual.record(cursor) : nil
    if let model, model == expected {
      count(matched: cursor)
      return
    }
    var note: String? = nil
    if expected.isResult, !actual.endsWithResult {
      note = "this input yields no result line"
    }
    pending = false
    noteMismatch(
      Mismatch(
        inputLine: inputLine, inputText: text(), expectedLine: line, expected: expected,
        actual: model, note: note))
  }

  /// Ends the trace at line `lastLine`, noting a mismatch if the last
  /// input's calls were not all listed.
  public mutating func finish(lastLine: Int) {
    guard !hasMismatch, let found = closePending(at: lastLine + 1) else { return }
    noteMismatch(found)
  }

  private mutating func count(matched index: Int) {
    if actual.isResult(index) {
      statistics.resultsChecked += 1
    } else {
      statistics.callsChecked += 1
    }
    cursor += 1
  }

  /// Ends the pending input: what the model did that the trace did not list
  /// is a mismatch, but for the result, which may be left out.
  private mutating func closePending(at line: Int) -> Mismatch? {
    guard pending else { return nil }
    pending = false
    let remaining = actual.count - cursor
    guard remaining > 0, !(remaining == 1 && actual.isResult(cursor)) else { return nil }
    return Mismatch(
      inputLine: inputLine, inputText: text(), expectedLine: line, expected: nil,
      actual: actual.record(cursor), note: nil)
  }

  private func text() -> String {
    String(decoding: inputText, as: UTF8.self)
  }

  /// `text` without white space at either end.
  static func trimmedRange(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = text.count
    while start < end, ByteClass.isWhiteSpace(text[start]) { start += 1 }
    while end > start, ByteClass.isWhiteSpace(text[end - 1]) { end -= 1 }
    return UnsafeBufferPointer(rebasing: text[start..<end])
  }

  /// `text` trimmed, as a string.
  static func trimmed(_ text: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: trimmedRange(text), as: UTF8.self)
  }
}

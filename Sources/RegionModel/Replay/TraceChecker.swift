/// Compares the expected outputs of a trace with the model's, one input at a
/// time, as `trace-format-v1.md` says `check` does.
///
/// For each input the model's outputs are its calls in order, then its
/// result if it yields one. The trace's output lines after the input must be
/// exactly those, except that the result may be left out at the end. So
/// calls are compared one for one and in order (no call line means no call),
/// and a result line after an input that yields none is a mismatch.
public struct TraceChecker: Sendable {
  private struct Pending: Sendable {
    var line: Int
    var text: String
    var actual: [OutputRecord]
    var cursor: Int
  }

  private var pending: Pending?
  /// What has been compared so far.
  public private(set) var statistics: CheckStatistics

  /// A checker at the start of a trace.
  public init() {
    pending = nil
    statistics = CheckStatistics()
  }
}

// MARK: - Comparing

extension TraceChecker {
  /// Takes the next replayed line; returns the first mismatch, if this line
  /// shows one. `text` is the line's bytes, kept for the report.
  public mutating func consume(
    _ step: ReplayStep, line: Int, text: UnsafeBufferPointer<UInt8>
  ) -> Mismatch? {
    switch step {
    case .nothing:
      return nil
    case .input(_, let output):
      if let mismatch = closePending(at: line) { return mismatch }
      statistics.inputs += 1
      var actual = output.calls.map(OutputRecord.call)
      if let result = output.result { actual.append(.result(result)) }
      pending = Pending(line: line, text: Self.trimmed(text), actual: actual, cursor: 0)
      return nil
    case .output(let expected):
      statistics.outputLines += 1
      guard var current = pending else { return nil }
      let actual = current.cursor < current.actual.count ? current.actual[current.cursor] : nil
      guard let actual, actual == expected else {
        var note: String? = nil
        if expected.isResult, !current.actual.contains(where: \.isResult) {
          note = "this input yields no result line"
        }
        return Mismatch(
          inputLine: current.line, inputText: current.text, expectedLine: line,
          expected: expected, actual: actual, note: note)
      }
      current.cursor += 1
      if expected.isResult {
        statistics.resultsChecked += 1
      } else {
        statistics.callsChecked += 1
      }
      pending = current
      return nil
    }
  }

  /// Ends the trace at line `lastLine`; returns a mismatch if the last
  /// input's calls were not all listed.
  public mutating func finish(lastLine: Int) -> Mismatch? {
    closePending(at: lastLine + 1)
  }

  /// Ends the pending input: what the model did that the trace did not list
  /// is a mismatch, but for the result, which may be left out.
  private mutating func closePending(at line: Int) -> Mismatch? {
    guard let current = pending else { return nil }
    pending = nil
    let remaining = current.actual[current.cursor...]
    guard let first = remaining.first, !(remaining.count == 1 && first.isResult) else {
      return nil
    }
    return Mismatch(
      inputLine: current.line, inputText: current.text, expectedLine: line, expected: nil,
      actual: first, note: nil)
  }

  static func trimmed(_ text: UnsafeBufferPointer<UInt8>) -> String {
    var start = 0
    var end = text.count
    while start < end, ByteClass.isWhiteSpace(text[start]) { start += 1 }
    while end > start, ByteClass.isWhiteSpace(text[end - 1]) { end -= 1 }
    return String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
  }
}

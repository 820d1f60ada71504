/// The first difference between a trace's expected outputs and the model's.
public struct Mismatch: Hashable, Sendable {
  /// The line of the input whose outputs differ.
  public var inputLine: Int
  /// The input line's text, trimmed.
  public var inputText: String
  /// The line of the expected record, or of the point where a record was
  /// missing (the next input, or the end of the trace).
  public var expectedLine: Int
  /// The expected record, nil when the trace has no further output for the
  /// input.
  public var expected: OutputRecord?
  /// The model's record, nil when the model has no further output.
  public var actual: OutputRecord?
  /// Why the records differ, when it is not plain from them.
  public var note: String?
}

// MARK: - Report

extension Mismatch {
  /// The lines of the report, the first naming `file` and the input's line.
  public func report(file: String) -> [String] {
    // Trace bytes are quoted with their control characters escaped.
    var lines = [
      "\(file):\(inputLine): mismatch in the outputs of '\(PrintableText.of(inputText))'"
    ]
    let expectedText =
      expected.map { PrintableText.of(CanonicalForm.line($0)) } ?? "(no further output)"
    let actualText =
      actual.map { PrintableText.of(CanonicalForm.line($0)) } ?? "(no further output)"
    let label = "  expected (line \(expectedLine)): "
    lines.append(label + expectedText)
    lines.append("  actual:" + String(repeating: " ", count: label.count - 9) + actualText)
    if let note { lines.append("  " + note) }
    return lines
  }
}

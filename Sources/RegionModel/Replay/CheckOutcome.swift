/// How `check` of one trace ended.
public enum CheckOutcome: Hashable, Sendable {
  /// Every expected output matched.
  case passed(CheckStatistics)
  /// The first difference, and what had been compared up to it.
  case mismatch(Mismatch, CheckStatistics)
  /// The trace is invalid or could not be read.
  case failed(TraceFailure)
}

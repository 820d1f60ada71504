/// How `check` of one trace ended.
public enum CheckOutcome: Hashable, Sendable {
  /// Every expected output matched.
  case passed(CheckStatistics)
  /// The first difference.
  case mismatch(Mismatch, CheckStatistics)
  /// The trace is not valid (exit 65).
  case invalid(TraceError)
  /// The trace could not be read (exit 66).
  case unreadable(ReadError, line: Int)
}

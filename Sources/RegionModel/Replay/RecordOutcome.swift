/// How `record` of one trace ended.
public enum RecordOutcome: Hashable, Sendable {
  /// The whole trace was written with the model's outputs.
  case recorded(inputs: Int)
  /// The trace is not valid (exit 65); what came before the bad line has
  /// been written.
  case invalid(TraceError)
  /// The trace could not be read (exit 66).
  case unreadable(ReadError, line: Int)
}

/// How `record` of one trace ended.
public enum RecordOutcome: Hashable, Sendable {
  /// The whole trace was written with the model's outputs.
  case recorded(inputs: Int)
  /// The trace is invalid or could not be read; what came before the bad
  /// line has been written.
  case failed(TraceFailure)
}

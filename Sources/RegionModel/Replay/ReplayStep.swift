/// What one line of a trace amounted to once replayed.
public enum ReplayStep: Hashable, Sendable {
  /// A blank line, a comment or the header.
  case nothing
  /// An input, and what the model did for it.
  case input(TraceInput, StepOutput)
  /// An expected output record.
  case output(OutputRecord)
}

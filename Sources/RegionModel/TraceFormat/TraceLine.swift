/// What one line of a trace holds.
public enum TraceLine: Hashable, Sendable {
  /// A blank line or a comment.
  case nothing
  /// The `blkio-trace 1` header.
  case header
  /// An input record.
  case input(TraceInput)
  /// An output record.
  case output(OutputRecord)
}

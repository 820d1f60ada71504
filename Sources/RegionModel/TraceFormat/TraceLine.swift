/// What one line of a trace holds.
public enum TraceLine: Hashable, Sendable {
  /// A blank line or a comment.
  case nothing
  /// A comment `# regionsim: variant=NAME` that pins the trace's variant.
  case variantPin(DriverVariant)
  /// The `blkio-trace 1` header.
  case header
  /// An input record.
  case input(TraceInput)
  /// An output record.
  case output(OutputRecord)
}

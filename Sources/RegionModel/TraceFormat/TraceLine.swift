/// What one line of a trace holds, with names as strings.
public typealias TraceLine = TraceLineOf<String>

/// What one line of a trace holds; `Name` is how the input names things.
public enum TraceLineOf<Name: Hashable & Sendable>: Hashable, Sendable {
  /// A blank line or a comment.
  case nothing
  /// A comment `# regionsim: variant=NAME` that pins the trace's variant.
  case variantPin(DriverVariant)
  /// The `blkio-trace 1` header.
  case header
  /// An input record.
  case input(TraceInputOf<Name>)
  /// An output record.
  case output(OutputRecord)
}

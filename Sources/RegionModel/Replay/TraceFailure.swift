/// Why a trace could not be replayed to its end.
public enum TraceFailure: Error, Hashable, Sendable {
  /// The trace is not valid (exit 65).
  case invalid(TraceError)
  /// The trace could not be read (exit 66).
  case unreadable(ReadError, line: Int)
  /// The trace could not be opened (exit 66): missing, a folder, not
  /// readable.
  case cannotOpen(ReadError)

  /// The failure for a line the reader could not deliver.
  public init(_ error: LineReadError) {
    switch error {
    case .read(let readError, let line):
      self = .unreadable(readError, line: line)
    case .lineTooLong(let limit, let line):
      self = .invalid(TraceError(line: line, message: "the line is longer than \(limit) bytes"))
    }
  }

  /// The message naming `file` and the line.
  public func message(file: String) -> String {
    switch self {
    case .invalid(let error): "\(file):\(error.line): \(error.message)"
    case .unreadable(let error, let line): "\(file):\(line): cannot read: \(error.description)"
    case .cannotOpen(let error): "\(file): cannot open: \(error.description)"
    }
  }
}

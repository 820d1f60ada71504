/// The exit statuses of `regionsim`, after BSD's `sysexits.h`.
public enum ExitStatus: Int32, Comparable, Sendable {
  /// Everything matched.
  case success = 0
  /// A trace's outputs differ from the model's.
  case mismatch = 1
  /// The command line is wrong (`EX_USAGE`).
  case usage = 64
  /// A trace is not valid (`EX_DATAERR`).
  case invalidTrace = 65
  /// A trace cannot be opened or read (`EX_NOINPUT`).
  case unreadable = 66
  /// An output file cannot be created (`EX_CANTCREAT`).
  case cannotCreate = 73

  public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

// MARK: - Failures

extension ExitStatus {
  /// The status for a trace that could not be replayed.
  public init(_ failure: TraceFailure) {
    switch failure {
    case .invalid: self = .invalidTrace
    case .unreadable, .cannotOpen: self = .unreadable
    }
  }
}

/// The `int` a C function returns: 0 for success or a negative errno.
public enum ReturnValue: Hashable, Sendable {
  case success
  case failure(Errno)

  /// True when the C value is negative.
  public var failed: Bool {
    if case .failure = self { return true }
    return false
  }

  /// The C integer value (`0` or `-errno`).
  public var cValue: Int32 {
    switch self {
    case .success: 0
    case .failure(let errno): -errno.rawValue
    }
  }
}

// MARK: - CustomStringConvertible

extension ReturnValue: CustomStringConvertible {
  /// The trace's spelling: `0` or `-ENAME`.
  public var description: String {
    switch self {
    case .success: "0"
    case .failure(let errno): "-" + errno.name
    }
  }
}

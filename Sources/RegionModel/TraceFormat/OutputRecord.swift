/// An output record of a trace (a line starting with `>`): a call the
/// driver made, or the result of the input before it.
public enum OutputRecord: Hashable, Sendable {
  case call(Call)
  case result(Outcome)

  /// Whether the record is a result (`> ok`, `> error`).
  public var isResult: Bool {
    if case .result = self { return true }
    return false
  }
}

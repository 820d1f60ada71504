/// What a `check` of one trace compared.
public struct CheckStatistics: Hashable, Sendable {
  /// Inputs replayed.
  public var inputs: Int = 0
  /// Output lines read.
  public var outputLines: Int = 0
  /// Call records compared and found equal.
  public var callsChecked: Int = 0
  /// Result records compared and found equal.
  public var resultsChecked: Int = 0

  /// Zero of everything.
  public init() {}
}

/// A hazard and the trace line whose input showed it.
public struct LocatedHazard: Hashable, Sendable {
  /// The input's line.
  public var line: Int
  /// The input's text, trimmed.
  public var input: String
  /// The hazard.
  public var hazard: Hazard
}

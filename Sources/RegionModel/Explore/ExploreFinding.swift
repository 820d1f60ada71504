/// One distinct hazard `explore` found: the first run that showed it and
/// its scenario shrunk to a minimal one.
public struct ExploreFinding: Hashable, Sendable {
  /// The hazard.
  public var code: HazardCode
  /// The run (from 0) whose scenario showed it first.
  public var run: Int
  /// The scenario's inputs up to the one that showed it.
  public var original: [TraceInput]
  /// The shrunk scenario: still valid, still showing the hazard, and no
  /// single input can be removed without losing that.
  public var shrunk: [TraceInput]
}

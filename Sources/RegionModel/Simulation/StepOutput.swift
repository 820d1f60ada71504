/// What the model did for one input: the calls it made, in order, and the
/// result if the input yields one.
public struct StepOutput: Hashable, Sendable {
  /// The calls, in the order they were made.
  public var calls: [Call]
  /// The result, for `open`, `register` and `discard require`.
  public var result: Outcome?
  /// The hazards noticed during the step.
  public var hazards: [Hazard]

  /// Creates a step's output.
  public init(calls: [Call], result: Outcome?, hazards: [Hazard] = []) {
    self.calls = calls
    self.result = result
    self.hazards = hazards
  }
}

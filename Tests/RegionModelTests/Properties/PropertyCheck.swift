import RegionModel
import Testing

/// Runs a property over the scenario a seed generates; on failure, shrinks
/// the scenario and reports the seed and the shrunk trace in one issue.
enum PropertyCheck {
  static let seeds: [UInt64] = Array(0..<60)

  /// The three scenario shapes explore cycles through (free-form, a VM
  /// with failures, a VM without), generated one after the other from
  /// `seed` for `variant`.
  static func scenarios(seed: UInt64, steps: Int, variant: DriverVariant) -> [[TraceInput]] {
    var random = SplitMix64(seed: seed)
    return [
      ScenarioGenerator.scenario(&random, steps: steps, variant: variant),
      ScenarioGenerator.virtualMachine(&random, steps: steps, failures: true, variant: variant),
      ScenarioGenerator.virtualMachine(&random, steps: steps, failures: false, variant: variant),
    ]
  }

  static func expect(
    seed: UInt64, steps: Int = 60, sourceLocation: SourceLocation = #_sourceLocation,
    _ property: ([TraceInput]) -> String?
  ) {
    var random = SplitMix64(seed: seed)
    let inputs = ScenarioGenerator.scenario(&random, steps: steps)
    guard let original = property(inputs) else { return }
    let shape = FailureShape.of(original)
    let shrunk = Shrinker.shrink(inputs) { property($0).map(FailureShape.of) == shape }
    let failure = property(shrunk) ?? "(the shrunk case passes: the property is not deterministic)"
    #expect(
      Bool(false),
      "seed \(seed): \(failure)\nshrunk to \(shrunk.count) of \(inputs.count) inputs:\n\(trace(shrunk))",
      sourceLocation: sourceLocation)
  }

  /// The scenario as trace text, without outputs.
  static func trace(_ inputs: [TraceInput]) -> String {
    (["blkio-trace 1"] + inputs.map(CanonicalForm.line)).joined(separator: "\n") + "\n"
  }
}

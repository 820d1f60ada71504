/// What `regionsim explore` runs.
public struct ExploreOptions: Hashable, Sendable {
  /// The seed every run's scenario derives from.
  public var seed: UInt64
  /// How many scenarios to generate.
  public var runs: Int
  /// About how many inputs each scenario has.
  public var steps: Int
  /// The variant of the mapping layer to explore.
  public var variant: DriverVariant

  /// Creates options.
  public init(seed: UInt64 = 1, runs: Int = 2000, steps: Int = 40, variant: DriverVariant = .seed) {
    self.seed = seed
    self.runs = runs
    self.steps = steps
    self.variant = variant
  }
}

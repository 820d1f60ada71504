/// Searches for hazards: generates many scenarios, runs each through the
/// model with the hazard checker, and hands back every distinct hazard as
/// the smallest trace that still shows it.
///
/// Everything is decided by the seed: the same options give the same
/// findings, whatever the machine or the Swift version.
public enum Explorer {
  /// What `progress` hears after each run.
  public struct Progress: Hashable, Sendable {
    /// Runs done.
    public var runs: Int
    /// Distinct hazards found so far.
    public var distinct: Int
  }

  /// Explores; `progress` is called after every run (for the CLI's
  /// progress line).
  public static func explore(
    _ options: ExploreOptions, progress: (Progress) -> Void = { _ in }
  ) -> [ExploreFinding] {
    var first: [HazardCode: (run: Int, inputs: [TraceInput])] = [:]
    for run in 0..<max(options.runs, 0) {
      let inputs = scenario(run: run, options)
      var simulation = Simulation(variant: options.variant)
      for (index, input) in inputs.enumerated() {
        guard let output = try? simulation.apply(input) else { break }
        for hazard in output.hazards where first[hazard.code] == nil {
          first[hazard.code] = (run, Array(inputs[...index]))
        }
      }
      progress(Progress(runs: run + 1, distinct: first.count))
    }
    return HazardCode.allCases.compactMap { code in
      guard let found = first[code] else { return nil }
      let shrunk = Shrinker.shrink(found.inputs, variant: options.variant) {
        hazards(in: $0, variant: options.variant).contains(code)
      }
      return ExploreFinding(code: code, run: found.run, original: found.inputs, shrunk: shrunk)
    }
  }

  /// The scenario of run `run`: its own generator stream, and a shape that
  /// cycles through free-form, VM with failures and VM without.
  public static func scenario(run: Int, _ options: ExploreOptions) -> [TraceInput] {
    var random = SplitMix64(seed: options.seed &+ UInt64(run) &* 0x9E37_79B9_7F4A_7C15)
    switch run % 3 {
    case 0:
      return ScenarioGenerator.scenario(&random, steps: options.steps, variant: options.variant)
    default:
      return ScenarioGenerator.virtualMachine(
        &random, steps: options.steps, failures: run % 3 == 1, variant: options.variant)
    }
  }

  /// The hazards a scenario shows.
  public static func hazards(in inputs: [TraceInput], variant: DriverVariant) -> Set<HazardCode> {
    var simulation = Simulation(variant: variant)
    var found: Set<HazardCode> = []
    for input in inputs {
      guard let output = try? simulation.apply(input) else { return found }
      found.formUnion(output.hazards.map(\.code))
    }
    return found
  }

  /// A scenario as a recorded trace: `comments` (each made a `#` line),
  /// the variant pin, the header, and every input with the model's outputs.
  public static func recordedTrace(
    _ inputs: [TraceInput], comments: [String], variant: DriverVariant
  ) -> String {
    let lines =
      comments.map { "# " + $0 } + ["# regionsim: variant=\(variant.rawValue)", "blkio-trace 1"]
      + inputs.map(CanonicalForm.line)
    var sink = MemorySink()
    _ = TraceRecord.run(
      source: MemorySource(lines.joined(separator: "\n") + "\n"), sink: &sink, variant: variant)
    return sink.text
  }
}

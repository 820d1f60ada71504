import Dispatch
import Synchronization

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
    /// Once every run is done: the findings being shrunk (0 before).
    public var shrinking = 0
    /// The shrink candidates tried so far, over all findings.
    public var candidatesTried = 0
  }

  /// Explores; `progress` is called on the calling thread as batches of
  /// runs finish, and about five times a second while the findings are
  /// shrunk (for the CLI's progress line: one long run can take a while to
  /// shrink).
  ///
  /// Runs are spread over every core in batches, whose runs the workers
  /// take a chunk at a time in increasing order; each worker keeps, for
  /// each hazard code, the first run it did that showed it, and the merge
  /// keeps the lowest run, so the findings are the same whatever the
  /// number of cores and however the chunks fell. Each scenario is generated and watched in one pass
  /// (the generator notes the hazards), and the findings are shrunk in
  /// parallel too.
  public static func explore(
    _ options: ExploreOptions, progress: (Progress) -> Void = { _ in }
  ) -> [ExploreFinding] {
    explore(options, workers: ProcessorCount.active, progress: progress)
  }

  /// Explores with `workers` workers (the tests try other counts than the
  /// machine's cores).
  static func explore(
    _ options: ExploreOptions, workers: Int, progress: (Progress) -> Void = { _ in }
  ) -> [ExploreFinding] {
    let runs = max(options.runs, 0)
    let workers = max(1, workers)
    let batch = max(workers * 512, 1)
    var first: [HazardCode: (run: Int, inputs: [TraceInput])] = [:]
    var done = 0
    while done < runs {
      let end = min(runs, done + batch)
      let shares = Shares<[HazardCode: (run: Int, inputs: [TraceInput])]>(workers)
      // Workers take the batch's runs a chunk at a time, in increasing
      // order, so that a slow scenario or a busy core does not leave the
      // others waiting at the batch's end with a fixed share each.
      let next = Atomic<Int>(done)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var local: [HazardCode: (run: Int, inputs: [TraceInput])] = [:]
        var model = ScenarioModel(variant: options.variant)
        while true {
          let chunkStart = next.wrappingAdd(Self.chunk, ordering: .relaxed).oldValue
          guard chunkStart < end else { break }
          for run in chunkStart..<min(chunkStart + Self.chunk, end) {
            var hazards = FirstHazards()
            var inputs = scenario(run: run, options, model: &model, hazards: &hazards)
            for (code, index) in hazards.indices where local[code] == nil {
              local[code] = (run, inputs[...index].map(\.traceInput))
            }
            ScenarioInput.discardAll(&inputs)
          }
        }
        shares.store(local, for: worker)
      }
      for share in shares.all.compactMap({ $0 }) {
        for (code, found) in share where found.run < first[code]?.run ?? Int.max {
          first[code] = found
        }
      }
      done = end
      progress(Progress(runs: done, distinct: first.count))
    }
    let codes = HazardCode.allCases.filter { first[$0] != nil }
    let found = first
    let shrunk = Shares<[TraceInput]>(codes.count)
    let tried = Shares<Int>(codes.count)
    let variant = options.variant
    // Shrunk on other threads while this one reports their progress.
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
      DispatchQueue.concurrentPerform(iterations: codes.count) { index in
        let code = codes[index]
        guard let inputs = found[code]?.inputs else { return }
        let small = Shrinker.shrink(inputs, variant: variant, toShow: code) { step in
          tried.store(step.candidates, for: index)
        }
        shrunk.store(small, for: index)
      }
    }
    while group.wait(timeout: .now() + .milliseconds(200)) == .timedOut {
      progress(
        Progress(
          runs: done, distinct: first.count, shrinking: codes.count,
          candidatesTried: tried.all.reduce(0) { $0 + ($1 ?? 0) }))
    }
    return codes.enumerated().compactMap { index, code in
      guard let found = first[code], let small = shrunk.all[index] else { return nil }
      return ExploreFinding(code: code, run: found.run, original: found.inputs, shrunk: small)
    }
  }

  /// How many runs a worker takes at a time.
  static let chunk = 16

  /// The scenario of run `run`: its own generator stream, and a shape that
  /// cycles through free-form, VM with failures and VM without.
  public static func scenario(run: Int, _ options: ExploreOptions) -> [TraceInput] {
    var hazards = FirstHazards()
    var model = ScenarioModel(variant: options.variant)
    return scenario(run: run, options, model: &model, hazards: &hazards).map(\.traceInput)
  }

  /// The scenario of run `run`, generated on `model` (of the options'
  /// variant, reused from run to run).
  static func scenario(
    run: Int, _ options: ExploreOptions, model: inout ScenarioModel,
    hazards: inout FirstHazards
  ) -> [ScenarioInput] {
    var random = SplitMix64(seed: options.seed &+ UInt64(run) &* 0x9E37_79B9_7F4A_7C15)
    switch run % 3 {
    case 0:
      return ScenarioGenerator.scenario(
        &random, steps: options.steps, model: &model, hazards: &hazards)
    default:
      return ScenarioGenerator.virtualMachine(
        &random, steps: options.steps, failures: run % 3 == 1, model: &model,
        hazards: &hazards)
    }
  }

  /// The hazards a scenario shows.
  public static func hazards(in inputs: [TraceInput], variant: DriverVariant) -> Set<HazardCode> {
    var simulation = Simulation(variant: variant)
    var found: Set<HazardCode> = []
    for input in inputs {
      guard let output = try? simulation.applyForHazards(input) else { return found }
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

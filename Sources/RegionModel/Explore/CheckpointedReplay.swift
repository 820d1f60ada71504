/// The model's state after every prefix of a scenario, so that a candidate
/// that differs from the scenario only from input `i` on is replayed from
/// the state after `i` inputs, not from the first line.
///
/// The states are values: each checkpoint shares its storage with the next
/// until an input changes it, so keeping one per input costs what the
/// inputs change.
struct CheckpointedReplay {
  /// What a checkpoint holds: the model and whether the hazard showed yet.
  struct State {
    var simulation: Simulation
    var shown: Bool
  }

  /// The hazard the scenario must show.
  let code: HazardCode
  /// The variant replayed.
  let variant: DriverVariant
  /// The scenario the checkpoints belong to.
  private(set) var inputs: [TraceInput]
  /// `states[i]` is the state after `inputs[..<i]`.
  private var states: [State]
  /// How many inputs have been applied, in all: the shrinker's work.
  private(set) var applied: Int

  /// Checkpoints for `inputs`, which must be valid.
  init(_ inputs: [TraceInput], code: HazardCode, variant: DriverVariant) {
    self.code = code
    self.variant = variant
    self.inputs = []
    states = [State(simulation: Simulation(variant: variant), shown: false)]
    applied = 0
    adopt(inputs, from: 0)
  }

  /// Whether the scenario shows the hazard.
  var shows: Bool { states.last?.shown ?? false }

  /// Whether `candidate`, equal to the scenario before index `from`, is
  /// valid and shows the hazard.
  mutating func holds(_ candidate: [TraceInput], from: Int) -> Bool {
    var state = states[min(from, states.count - 1)]
    for input in candidate[min(from, candidate.count)...] {
      guard step(&state, input) else { return false }
    }
    return state.shown
  }

  /// Makes `candidate` (equal to the scenario before `from`) the scenario.
  mutating func adopt(_ candidate: [TraceInput], from: Int) {
    let keep = min(from, inputs.count, candidate.count)
    states.removeSubrange((keep + 1)...)
    inputs = candidate
    var state = states[keep]
    for input in candidate[keep...] {
      _ = step(&state, input)
      states.append(state)
    }
  }

  private mutating func step(_ state: inout State, _ input: TraceInput) -> Bool {
    applied += 1
    guard let output = try? state.simulation.applyForHazards(input) else { return false }
    if !state.shown, output.hazards.contains(where: { $0.code == code }) { state.shown = true }
    return true
  }
}

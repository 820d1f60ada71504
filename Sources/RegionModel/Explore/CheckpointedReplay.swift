/// Saved states of the model along a scenario, so that a candidate that
/// differs from the scenario only from input `i` on is replayed from a
/// state saved at most ``spacing`` inputs before `i`, not from the first
/// line.
///
/// A state is saved every ``spacing`` inputs rather than after every
/// input: a saved state stops sharing its storage with the next as soon as
/// an input changes the model, so saving one per input would cost the
/// model's size per input. States after an edit are saved again only when
/// a candidate needs them, which is what makes a forward pass of edits
/// (each input simplified in turn) cost about one replay of the scenario.
struct CheckpointedReplay {
  /// What a saved state holds: the model and whether the hazard showed yet.
  struct State {
    var simulation: Simulation
    var shown: Bool
  }

  /// The hazard the scenario must show.
  let code: HazardCode
  /// The variant replayed.
  let variant: DriverVariant
  /// How many inputs apart the saved states are.
  let spacing: Int
  /// The scenario the saved states belong to.
  private(set) var inputs: [TraceInput]
  /// `states[j]` is the state after `inputs[..<(j * spacing)]`.
  private var states: [State]
  /// How many inputs have been applied, in all: the shrinker's work.
  private(set) var applied: Int
  /// The calls of the input applied last (scratch storage).
  private var log = CallLog()

  /// Saved states for `inputs`, which must be valid.
  init(_ inputs: [TraceInput], code: HazardCode, variant: DriverVariant) {
    self.code = code
    self.variant = variant
    var root = 1
    while (root + 1) * (root + 1) <= inputs.count { root += 1 }
    spacing = max(16, root)
    self.inputs = inputs
    // Only the hazards' codes are asked: their details are not formatted.
    states = [State(simulation: .watchingHazardCodes(variant: variant), shown: false)]
    applied = 0
  }

  /// How many inputs of the scenario it takes to show the hazard, or nil
  /// when the scenario does not show it.
  mutating func shownAfter() -> Int? {
    shownAfter(inputs, from: inputs.count)
  }

  /// How many inputs of `candidate` (equal to the scenario before index
  /// `from`) it takes to show the hazard, all of them valid; nil when the
  /// candidate does not show it or an input before that is invalid.
  /// Replay stops at the input that shows the hazard: that prefix is itself
  /// a valid scenario that shows it.
  mutating func shownAfter(_ candidate: [TraceInput], from: Int) -> Int? {
    let slot = saveStates(through: min(from, candidate.count, inputs.count) / spacing)
    var state = states[slot]
    var index = slot * spacing
    if state.shown { return firstShown(before: index) }
    while index < candidate.count {
      guard step(&state, candidate[index]) else { return nil }
      index += 1
      if state.shown { return index }
    }
    return nil
  }

  /// Makes `candidate` (equal to the scenario before `from`) the scenario;
  /// states after `from` are saved again when a candidate needs them.
  mutating func adopt(_ candidate: [TraceInput], from: Int) {
    let keep = min(from, inputs.count, candidate.count) / spacing
    if states.count > keep + 1 { states.removeSubrange((keep + 1)...) }
    inputs = candidate
  }

  /// Saves the states up to `states[slot]` (or as far as the scenario
  /// goes, or up to an invalid input) and returns the last slot saved, at
  /// most `slot`.
  private mutating func saveStates(through slot: Int) -> Int {
    while states.count <= slot {
      var state = states[states.count - 1]
      let start = (states.count - 1) * spacing
      guard start + spacing <= inputs.count else { break }
      for input in inputs[start..<(start + spacing)] {
        guard step(&state, input) else { return states.count - 1 }
      }
      states.append(state)
    }
    return min(slot, states.count - 1)
  }

  /// The length of the shortest prefix of the scenario that shows the
  /// hazard, which lies within the first `limit` inputs.
  private mutating func firstShown(before limit: Int) -> Int? {
    var state = states[0]
    for index in 0..<limit {
      _ = step(&state, inputs[index])
      if state.shown { return index + 1 }
    }
    return nil
  }

  private mutating func step(_ state: inout State, _ input: TraceInput) -> Bool {
    applied += 1
    var shown = false
    do {
      try state.simulation.applyNotingHazardCodes(input, log: &log) { found in
        if found == code { shown = true }
      }
    } catch {
      return false
    }
    if shown { state.shown = true }
    return true
  }
}

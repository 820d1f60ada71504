// MARK: - Shrinking to a hazard, replaying from checkpoints

extension Shrinker {
  /// What the shrinker reports while it works.
  public struct Progress: Hashable, Sendable {
    /// Inputs in the current scenario.
    public var inputs: Int
    /// Candidates tried so far.
    public var candidates: Int
  }

  /// How much replay work (inputs applied) number simplification may do
  /// beyond the first removals, as a multiple of their work plus a
  /// constant: small scenarios are simplified until nothing is simpler,
  /// large ones as far as the budget goes, so that simplifying, which only
  /// makes numbers rounder, costs about one more round of removals (and
  /// the round of single-input removals that follows it).
  static let simplificationBudget = (times: 1, plus: 20_000)

  /// Shrinks a valid scenario that shows `code` to a smaller one that
  /// still does: inputs after the first that shows the hazard are cut,
  /// chunks are dropped by halving down to single inputs, then whole
  /// entities, until nothing more can be dropped; then numbers and
  /// overrides are simplified, pass after pass while the work stays within
  /// ``simplificationBudget``, each pass followed by removals again, so the
  /// result is always minimal for removals. Each candidate is replayed only from
  /// the first input it changes, from a saved state, and stops at the first
  /// input that shows the hazard, so that the usual case costs about linear
  /// time in the scenario. `progress` hears about each candidate.
  public static func shrink(
    _ inputs: [TraceInput], variant: DriverVariant = .seed, toShow code: HazardCode,
    progress: (Progress) -> Void = { _ in }
  ) -> [TraceInput] {
    var replay = CheckpointedReplay(inputs, code: code, variant: variant)
    guard let shownAfter = replay.shownAfter() else { return inputs }
    replay.adopt(Array(replay.inputs[..<shownAfter]), from: shownAfter)
    var candidates = 0
    func tryCandidate(_ candidate: [TraceInput], from: Int) -> Bool {
      candidates += 1
      progress(Progress(inputs: replay.inputs.count, candidates: candidates))
      guard let length = replay.shownAfter(candidate, from: from) else { return false }
      replay.adopt(Array(candidate[..<length]), from: from)
      return true
    }
    /// Drops chunks (halving down to single inputs, from `firstChunk` or
    /// half the scenario) and whole entities until neither drops anything.
    func removeUntilStable(firstChunk: Int? = nil) {
      var removed = true
      var chunkCap = firstChunk
      while removed {
        removed = false
        var chunk = max(min(replay.inputs.count / 2, chunkCap ?? .max), 1)
        chunkCap = nil
        while chunk >= 1 {
          var start = 0
          while start < replay.inputs.count {
            var candidate = replay.inputs
            candidate.removeSubrange(start..<min(start + chunk, candidate.count))
            if tryCandidate(candidate, from: start) {
              removed = true
            } else {
              start += chunk
            }
          }
          chunk /= 2
        }
        var edited = true
        while edited {
          edited = false
          for candidate in EntityEdits.candidates(replay.inputs)
          where tryCandidate(candidate, from: firstDifference(replay.inputs, candidate)) {
            edited = true
            removed = true
            break
          }
        }
      }
    }
    /// Replaces each input by the first of its simplifications that keeps
    /// the hazard, until the work reaches `budget`; whether any was
    /// replaced.
    func simplifyOnce(budget: Int) -> Bool {
      var simplified = false
      var index = 0
      while index < replay.inputs.count, replay.applied < budget {
        for simpler in simplifications(of: replay.inputs[index]) {
          var candidate = replay.inputs
          candidate[index] = simpler
          if tryCandidate(candidate, from: index) {
            simplified = true
            break
          }
        }
        index += 1
      }
      return simplified
    }
    removeUntilStable()
    let budget =
      replay.applied * simplificationBudget.times + simplificationBudget.plus
    // After a pass of simplifications the scenario was minimal for
    // removals just before, so chunks rarely drop: removals start from
    // single inputs, which is half the work of halving from the whole.
    while replay.applied < budget, simplifyOnce(budget: budget) {
      removeUntilStable(firstChunk: 1)
    }
    return replay.inputs
  }

  /// The first index where two scenarios differ.
  static func firstDifference(_ one: [TraceInput], _ other: [TraceInput]) -> Int {
    var index = 0
    while index < one.count, index < other.count, one[index] == other[index] { index += 1 }
    return index
  }
}

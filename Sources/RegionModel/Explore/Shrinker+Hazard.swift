// MARK: - Shrinking to a hazard, replaying from checkpoints

extension Shrinker {
  /// What the shrinker reports while it works.
  public struct Progress: Hashable, Sendable {
    /// Inputs in the current scenario.
    public var inputs: Int
    /// Candidates tried so far.
    public var candidates: Int
  }

  /// Shrinks a valid scenario that shows `code` to a smaller one that
  /// still does: the same phases as ``shrink(_:variant:keeps:)`` (chunks by
  /// halving, whole entities, simpler numbers), but each candidate is
  /// replayed only from the first input it changes, from a saved state, so
  /// that the usual case costs about linear time in the scenario.
  /// `progress` hears about each candidate.
  public static func shrink(
    _ inputs: [TraceInput], variant: DriverVariant = .seed, toShow code: HazardCode,
    progress: (Progress) -> Void = { _ in }
  ) -> [TraceInput] {
    var replay = CheckpointedReplay(inputs, code: code, variant: variant)
    guard replay.shows else { return inputs }
    var candidates = 0
    func tryCandidate(_ candidate: [TraceInput], from: Int) -> Bool {
      candidates += 1
      progress(Progress(inputs: replay.inputs.count, candidates: candidates))
      guard replay.holds(candidate, from: from) else { return false }
      replay.adopt(candidate, from: from)
      return true
    }
    var improved = true
    var rounds = 0
    while improved, rounds < 10_000 {
      improved = false
      rounds += 1
      // Chunks, halving down to single inputs.
      var chunk = max(replay.inputs.count / 2, 1)
      while chunk >= 1 {
        var start = 0
        while start < replay.inputs.count {
          var candidate = replay.inputs
          candidate.removeSubrange(start..<min(start + chunk, candidate.count))
          if tryCandidate(candidate, from: start) {
            improved = true
          } else {
            start += chunk
          }
        }
        chunk /= 2
      }
      for candidate in EntityEdits.candidates(replay.inputs)
      where tryCandidate(candidate, from: firstDifference(replay.inputs, candidate)) {
        improved = true
        break
      }
      var index = 0
      while index < replay.inputs.count {
        for simpler in simplifications(of: replay.inputs[index]) {
          var candidate = replay.inputs
          candidate[index] = simpler
          if tryCandidate(candidate, from: index) {
            improved = true
            break
          }
        }
        index += 1
      }
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

// MARK: - The shrinker's view of hazards

extension Simulation {
  /// Applies one input given with string names, as
  /// ``applyForHazards(_:)`` does, and calls `body` with the code of each
  /// hazard it showed, without making ``Hazard`` values: what the
  /// shrinker's replays ask. `log` is scratch storage for the calls, emptied
  /// first, so that a replay allocates no log per input.
  mutating func applyNotingHazardCodes(
    _ input: TraceInput, log: inout CallLog, _ body: (HazardCode) -> Void
  ) throws(SimulationError) {
    names.flushReleases()
    let record = input.mapNames { space, name in names[space].intern(name) }
    log.removeAll()
    _ = try apply(record, log: &log)
    hazards?.drainCodes(body)
  }
}

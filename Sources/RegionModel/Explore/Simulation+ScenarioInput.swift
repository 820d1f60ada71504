// MARK: - Applying generated inputs

extension Simulation {
  /// Applies a generated input with `log` emptied first (its storage kept
  /// for the next input) and leaves the hazards it showed in ``hazards``
  /// for the caller to drain: the generator's form of
  /// ``applyForHazards(_:)``, with the same names interned in the same
  /// order, from bytes rather than strings. The result is the input's (nil
  /// for inputs without one), or the refusal.
  mutating func applyKeepingHazards(
    _ input: ScenarioInput, log: inout CallLog
  ) -> Result<Outcome?, SimulationError> {
    names.flushReleases()
    let record = input.record { space, name in name.withBytes { names[space].intern($0) } }
    log.removeAll()
    do { return .success(try apply(record, log: &log)) } catch { return .failure(error) }
  }

  /// The names of the requests in flight (not waiting) that have the
  /// generator's shape, sorted as their strings are, in `names` (emptied
  /// first): ``inFlightRequestNames`` without a string.
  func inFlightScenarioNames(into result: inout [ScenarioName]) {
    result.removeAll(keepingCapacity: true)
    requests.forEach { request in
      guard request.isInFlight,
        let name = names.requests.withBytes(request.id, { ScenarioName(bytes: $0) })
      else { return }
      result.append(name)
    }
    if result.count > 1 { result.sort { $0.precedes($1) } }
  }
}

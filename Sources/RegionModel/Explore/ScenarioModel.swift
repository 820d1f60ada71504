/// The model a generator applies its candidates to, with what it keeps
/// from one candidate and one scenario to the next: the ids of the names
/// it interned and the storage of its call log. One per explore worker;
/// each scenario starts with ``reset()``.
struct ScenarioModel: Sendable {
  /// The model, watching hazard codes.
  var simulation: Simulation
  /// The ids of the generator's names, while they hold.
  private var ids = ScenarioNameIDs()
  /// The calls of the input applied last.
  private var log = CallLog()

  /// A new model of `variant` that watches hazard codes.
  init(variant: DriverVariant) {
    simulation = Simulation.watchingHazardCodes(variant: variant)
  }

  /// Makes the model new again, keeping its storage.
  mutating func reset() {
    simulation.reset()
  }

  /// Applies a generated input and leaves the hazards it showed in the
  /// model's watch for the caller to drain: the generator's form of
  /// ``Simulation/applyForHazards(_:)``, with the same names interned in
  /// the same order (or their ids remembered, while they hold). The result
  /// is the input's (nil for inputs without one), or the refusal.
  mutating func apply(_ input: ScenarioInput) -> Result<Outcome?, SimulationError> {
    simulation.flushReleasedNames()
    let record = input.record { space, name in ids.id(of: name, in: space, &simulation.names) }
    log.removeAll()
    do { return .success(try simulation.apply(record, log: &log)) } catch { return .failure(error) }
  }

  /// Calls `body` with the code of each hazard noticed since the last
  /// drain, then forgets them.
  mutating func drainHazards(_ body: (HazardCode) -> Void) {
    simulation.hazards?.drainCodes(body)
  }
}

// MARK: - The generator's view of requests

extension Simulation {
  /// The names of the requests in flight (not waiting) that have the
  /// generator's shape, sorted as their strings are, in `result` (emptied
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

// MARK: - virtio-mem and the discard counters

extension Simulation {
  /// Models virtio-mem's realize: `ram_block_coordinated_discard_require(true)`
  /// and its error message.
  mutating func discardRequire() -> Outcome {
    if discard.coordinatedRequire(true).failed {
      return .error("Discarding RAM is disabled")
    }
    realizedVirtioMemDevices += 1
    return .ok
  }

  /// Models virtio-mem's unrealize.
  mutating func discardRelease() throws(SimulationError) {
    guard realizedVirtioMemDevices > 0 else { throw .noVirtioMemRealized }
    _ = discard.coordinatedRequire(false)
    realizedVirtioMemDevices -= 1
  }

  /// Flags the disable count going below zero during a step.
  mutating func checkDiscardCounter(before: Int64) {
    if discard.disabledCount < 0, before >= 0 {
      hazards?.flag(.discardUnderflow, "disable count is \(discard.disabledCount)")
    }
  }
}

// MARK: - Reuse

extension Simulation {
  /// Makes the process new again, as `init` leaves it (the same variant,
  /// the same hazard watch), keeping the storage of its tables: `explore`
  /// runs its thousands of scenarios on one model per worker rather than
  /// building one per scenario, whose tables grew from nothing each time.
  mutating func reset() {
    ram.removeAll()
    discard = DiscardManager()
    names.removeAll()
    blkioNodes.removeAll()
    formatNodes.removeAll()
    openNodeCount = 0
    realizedVirtioMemDevices = 0
    attachedVFIOContainers = 0
    guestMemfdBlocks.removeAll(keepingCapacity: true)
    graph.removeAll()
    backends.removeAll(keepingCapacity: true)
    rootedBackends.removeAll()
    notifiers.removeAll()
    requests.removeAll()
    splitRequests.removeAll(keepingCapacity: true)
    requestsPerNode.removeAll()
    memory.removeAll()
    wakeups.removeAll()
    hazards?.removeAll()
    isShutDown = false
    callingRegistrar = nil
  }
}

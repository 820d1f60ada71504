// MARK: - The registration counts, changed in place

extension HazardWatch {
  /// Takes one live registration of `buffer` back, forgetting the buffer
  /// at zero.
  mutating func releaseRegistration(_ buffer: NodeBuffer) {
    liveRegistrations.takeOne(buffer)
  }

  /// Takes one registrar visit back, forgetting it at zero.
  mutating func releaseVisit(_ visit: RegistrarVisit) {
    registrarVisits.takeOne(visit)
  }

  /// Forgets the registrations on, and the registrar visits to, the blkio
  /// node `node`, in place: a filtered copy of each table started small
  /// and grew again, rehashing every key it kept.
  mutating func forgetNode(_ node: NameID) {
    // The keys are listed first: removing while iterating the table would
    // have the iterator's reference make the table copy itself.
    if !registrarVisits.isEmpty {
      for visit in registrarVisits.keys.filter({ $0.buffer.node == node }) {
        registrarVisits.removeValue(forKey: visit)
      }
    }
    if !liveRegistrations.isEmpty {
      for buffer in liveRegistrations.keys.filter({ $0.node == node }) {
        liveRegistrations.removeValue(forKey: buffer)
      }
    }
  }

  /// Forgets the visits of the registrar of `backend`, in place.
  mutating func forgetRegistrar(_ backend: NameID) {
    guard !registrarVisits.isEmpty else { return }
    for visit in registrarVisits.keys.filter({ $0.backend == backend }) {
      registrarVisits.removeValue(forKey: visit)
    }
  }
}

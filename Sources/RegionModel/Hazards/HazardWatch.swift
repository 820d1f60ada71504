/// What only the hazard checker needs: the hazards found in the current
/// step, and the indexes that let it see them in O(log n).
///
/// The model keeps one only when hazards are watched (`hazards`,
/// `check --hazards`, `explore`); `check` and `record` run without one and
/// pay nothing for it.
public struct HazardWatch: Sendable {
  /// The hazards noticed since the last ``drain()``, in order.
  public private(set) var found: [Hazard]
  /// For each blkio node and buffer, how many live registrations hold a
  /// mapping for it: what a second registration is seen by.
  var liveRegistrations: [NodeBuffer: Int]
  /// For each blkio node (by id), the guest buffers of its direct requests
  /// in flight, by address.
  var inFlight: [NameID: AddressTree<InFlightBuffer>]
  /// For each registrar (by backend), blkio node and RAMBlock (host and max
  /// length), how many times the registrar's registration reached the
  /// node's hook and was not undone: what `unregistered-node` is seen by.
  var registrarVisits: [RegistrarVisit: Int]

  /// Nothing seen yet.
  public init() {
    found = []
    liveRegistrations = [:]
    inFlight = [:]
    registrarVisits = [:]
  }
}

// MARK: - Recording

extension HazardWatch {
  /// Notes a hazard.
  mutating func flag(_ code: HazardCode, _ detail: String) {
    found.append(Hazard(code: code, detail: detail))
  }

  /// Hands over the hazards noticed since the last call.
  mutating func drain() -> [Hazard] {
    defer { found.removeAll(keepingCapacity: true) }
    return found
  }
}

/// A buffer registered on one blkio node.
struct NodeBuffer: Hashable, Sendable {
  var node: NameID
  var host: UInt64
  var size: UInt64
}

/// The guest buffer of a direct request in flight.
struct InFlightBuffer: AddressRanged {
  var addr: UInt64
  var len: UInt64
  var request: NameID

  var rangeStart: UInt64 { addr }
  var rangeLength: UInt64 { len }

  static func < (lhs: InFlightBuffer, rhs: InFlightBuffer) -> Bool {
    (lhs.addr, lhs.len, lhs.request.index) < (rhs.addr, rhs.len, rhs.request.index)
  }
}

/// A RAMBlock registered on one blkio node by one backend's registrar.
struct RegistrarVisit: Hashable, Sendable {
  var backend: NameID
  var buffer: NodeBuffer
}

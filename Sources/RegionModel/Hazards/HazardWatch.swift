/// What only the hazard checker needs: the hazards found in the current
/// step, and the indexes that let it see them in O(log n).
///
/// The model keeps one only when hazards are watched (`hazards`,
/// `check --hazards`, `explore`); `check` and `record` run without one and
/// pay nothing for it.
public struct HazardWatch: Sendable {
  /// The codes of the hazards noticed since the last drain, in order.
  private var codes: [HazardCode]
  /// Where each one's detail ends in ``details``.
  private var detailEnds: [Int]
  /// The details' bytes, back to back: formatted once, as bytes, and
  /// turned into strings only for the callers that want ``Hazard`` values.
  private var details: [UInt8]
  /// Whether details are formatted at all: `explore` and the shrinker only
  /// need the codes, and formatting was a tenth of their work. Without
  /// them every hazard has an empty detail.
  let keepsDetails: Bool
  /// For each blkio node and buffer, how many live registrations hold a
  /// mapping for it: what a second registration is seen by.
  var liveRegistrations: [NodeBuffer: Int]
  /// For each blkio node (by id slot), the guest buffers of its direct
  /// requests in flight, by address; nil for a node without any yet. An
  /// array by id, as the model keeps its other per-node state: a table
  /// keyed by id hashed the id at every submit, completion and mapping.
  var inFlight: [AddressTree<InFlightBuffer>?]
  /// For each registrar (by backend), blkio node and RAMBlock (host and max
  /// length), how many times the registrar's registration reached the
  /// node's hook and was not undone: what `unregistered-node` is seen by.
  var registrarVisits: [RegistrarVisit: Int]

  /// Nothing seen yet; `keepsDetails` false notes the codes only.
  public init(keepsDetails: Bool = true) {
    self.keepsDetails = keepsDetails
    codes = []
    detailEnds = []
    details = []
    liveRegistrations = [:]
    inFlight = []
    registrarVisits = [:]
  }

  /// Forgets everything seen, as a new watch, keeping the storage.
  mutating func removeAll() {
    codes.removeAll(keepingCapacity: true)
    detailEnds.removeAll(keepingCapacity: true)
    details.removeAll(keepingCapacity: true)
    liveRegistrations.removeAll(keepingCapacity: true)
    inFlight.removeAll(keepingCapacity: true)
    registrarVisits.removeAll(keepingCapacity: true)
  }
}

// MARK: - Recording

extension HazardWatch {
  /// Notes a hazard; `detail` is formatted only when details are kept.
  mutating func flag(_ code: HazardCode, _ detail: @autoclosure () -> String) {
    codes.append(code)
    if keepsDetails { details.append(contentsOf: detail().utf8) }
    detailEnds.append(details.count)
  }

  /// Notes a hazard whose detail `write` formats as bytes, in at most
  /// `count` of them.
  mutating func flag(_ code: HazardCode, atMost count: Int, _ write: (inout ByteCursor) -> Void) {
    codes.append(code)
    if keepsDetails { details.appendBytes(atMost: count, write) }
    detailEnds.append(details.count)
  }

  /// The hazards noticed since the last drain, in order.
  public var found: [Hazard] {
    var hazards: [Hazard] = []
    visit { code, detail in
      hazards.append(Hazard(code: code, detail: String(decoding: detail, as: UTF8.self)))
    }
    return hazards
  }

  /// Whether no hazard was noticed since the last drain.
  public var isEmpty: Bool { codes.isEmpty }

  /// Hands over the hazards noticed since the last call.
  mutating func drain() -> [Hazard] {
    defer { clear() }
    return found
  }

  /// Calls `body` with the code of each hazard noticed since the last
  /// drain, then forgets them.
  mutating func drainCodes(_ body: (HazardCode) -> Void) {
    guard !codes.isEmpty else { return }
    for code in codes { body(code) }
    clear()
  }

  /// Calls `body` with each hazard noticed since the last drain, its
  /// detail as bytes (valid during the call only), then forgets them.
  mutating func drain(_ body: (HazardCode, UnsafeBufferPointer<UInt8>) -> Void) {
    visit(body)
    clear()
  }

  private func visit(_ body: (HazardCode, UnsafeBufferPointer<UInt8>) -> Void) {
    guard !codes.isEmpty else { return }
    details.withUnsafeBufferPointer { all in
      var start = 0
      for index in codes.indices {
        let end = detailEnds[index]
        body(codes[index], UnsafeBufferPointer(rebasing: all[start..<end]))
        start = end
      }
    }
  }

  private mutating func clear() {
    guard !codes.isEmpty else { return }
    codes.removeAll(keepingCapacity: true)
    detailEnds.removeAll(keepingCapacity: true)
    details.removeAll(keepingCapacity: true)
  }
}

/// A buffer registered on one blkio node.
struct NodeBuffer: Hashable, Sendable {
  var node: NameID
  var host: UInt64
  var size: UInt64

  /// The fields folded into one word, hashed once: each word handed to
  /// the hasher costs a round, and the hazard checker looks buffers up
  /// several times per registration.
  var hashWord: UInt64 {
    (host &* 0x9E37_79B9_7F4A_7C15) ^ (size &* 0xC2B2_AE3D_27D4_EB4F)
      ^ UInt64(UInt32(bitPattern: node.index))
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(hashWord)
  }
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

  /// Hashed as one word, as ``NodeBuffer`` is.
  func hash(into hasher: inout Hasher) {
    hasher.combine(buffer.hashWord ^ (UInt64(UInt32(bitPattern: backend.index)) << 32))
  }
}

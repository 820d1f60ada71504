// MARK: - The buffers of direct requests in flight, by node

extension HazardWatch {
  /// The guest buffers of node `node`'s direct requests in flight, if it
  /// has had any.
  func inFlight(on node: NameID) -> AddressTree<InFlightBuffer>? {
    node.slot < inFlight.count ? inFlight[node.slot] : nil
  }

  /// Notes `buffer`, handed to libblkio on node `node`.
  mutating func noteInFlight(_ buffer: InFlightBuffer, on node: NameID) {
    if inFlight.count <= node.slot {
      inFlight.append(contentsOf: repeatElement(nil, count: node.slot + 1 - inFlight.count))
    }
    if inFlight[node.slot] == nil { inFlight[node.slot] = AddressTree() }
    inFlight[node.slot]?.insert(buffer)
  }

  /// Forgets `buffer`, completed on node `node`.
  mutating func forgetInFlight(_ buffer: InFlightBuffer, on node: NameID) {
    guard node.slot < inFlight.count else { return }
    inFlight[node.slot]?.remove(buffer)
  }

  /// Forgets every buffer of node `node` (closed).
  mutating func forgetInFlight(of node: NameID) {
    guard node.slot < inFlight.count else { return }
    inFlight[node.slot] = nil
  }
}

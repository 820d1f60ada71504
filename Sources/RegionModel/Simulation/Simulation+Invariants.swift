// MARK: - Invariants

extension Simulation {
  /// Traps, naming the broken rule, unless the model's state is coherent:
  /// the RAM map in address order without overlaps and its indexes in
  /// step; each blkio node's mapped regions (``AddressTree``'s own checks),
  /// its bounce pool's live buffers inside the pool and its waiters
  /// waiting; the discard counters; the graph's parent and child links; the
  /// registrars' notifier list holding exactly the backends whose registrar
  /// is ok; and the request counts per node and per backend. The property
  /// tests call it after every input. It costs O(state), so nothing else
  /// does.
  public func checkInvariants() {
    ram.checkInvariants()
    graph.checkInvariants()
    discard.checkInvariants()
    checkBlkioNodes()
    checkNotifiers()
    checkRequests()
  }

  private func checkBlkioNodes() {
    for id in blkioNodes.ids {
      blkioNodes.read(id.slot) { node in
        node.blkio.mapped.checkInvariants()
        node.bounce.buffers.checkInvariants()
        let pool = node.bounce.region
        node.bounce.buffers.forEach { buffer in
          guard let pool else {
            preconditionFailure(
              "invariant: a live bounce buffer on '\(nodeName(id))' without a pool")
          }
          precondition(
            UInt128(buffer.addr) >= UInt128(pool.addr)
              && UInt128(buffer.addr) + UInt128(buffer.len)
                <= UInt128(pool.addr) + UInt128(pool.len),
            "invariant: a bounce buffer of '\(nodeName(id))' outside its pool")
          precondition(
            requests[buffer.request.slot] != nil,
            "invariant: a bounce buffer held by a request that is gone")
        }
        for waiter in node.bounce.waiters.elements {
          guard let request = requests[waiter.slot] else {
            preconditionFailure("invariant: a request waiting for bounce space is gone")
          }
          precondition(
            request.state == .waiting && request.node == id,
            "invariant: a waiter for '\(nodeName(id))' is not waiting on it")
        }
        if let pool = node.bounce.region {
          precondition(
            node.blkio.allocatedRegions.contains(pool),
            "invariant: the bounce pool of '\(nodeName(id))' is not an allocated region")
        }
      }
    }
  }

  private func checkNotifiers() {
    let listed = Set(notifiers.elements)
    precondition(listed.count == notifiers.elements.count, "invariant: a notifier listed twice")
    for (slot, backend) in backends.enumerated() {
      let id = NameID(Int32(slot))
      let ok = backend?.registrar?.ok == true
      precondition(
        listed.contains(id) == ok,
        "invariant: backend slot \(slot) is \(ok ? "missing from" : "on") the notifier list")
    }
  }

  private func checkRequests() {
    var perNode: [NameID: Int32] = [:]
    var perBackend: [NameID: Int32] = [:]
    for request in requests.live {
      perNode[request.node, default: 0] += 1
      perBackend[requests.backend(request.id.slot), default: 0] += 1
    }
    for (node, count) in perNode {
      precondition(
        requestsPerNode[node] == count,
        "invariant: node '\(nodeName(node))' counts \(requestsPerNode[node]) requests, has \(count)"
      )
    }
    for (slot, backend) in backends.enumerated() {
      guard let backend else { continue }
      let count = perBackend[NameID(Int32(slot))] ?? 0
      precondition(
        backend.requestsInFlight == count,
        "invariant: backend slot \(slot) counts \(backend.requestsInFlight) requests, has \(count)")
    }
  }
}

// MARK: - Guest requests

extension Simulation {
  /// A guest read or write starts on a backend.
  ///
  /// Models virtio-blk setting `BDRV_REQ_REGISTERED_BUF` while its registrar
  /// is ok, the block layer routing the request from the root through each
  /// format node's first child (a node that clears the flag drops it), and at
  /// the blkio node `blkio_co_preadv()`/`blkio_co_pwritev()`'s choice: a
  /// bounce buffer when `needs_mem_regions && !(flags & REGISTERED_BUF)`,
  /// else the guest's buffer.
  mutating func startRequest(
    _ id: NameID, kind: IOKind, backend: NameID, host: UInt64, size: UInt64,
    log: inout CallLog
  ) throws(SimulationError) {
    guard requests[id.slot] == nil else { throw .requestExists(requestName(id)) }
    guard size <= IORequest.maximumSize else {
      throw .requestTooLarge(requestName(id), size: size)
    }
    guard let blk = backends[backend.slot] else { throw .unknownBackend(backendName(backend)) }
    guard var target = blk.root else { throw .backendHasNoRoot(backendName(backend)) }
    var registeredBuffer = blk.registrar?.ok == true
    while !hasBlkioNode(target) {
      if formatNodes[target.slot]?.clearsRegisteredBufFlag == true { registeredBuffer = false }
      guard let first = graph.childList(of: target).first else {
        throw .requestReachesNoBlkioNode(request: requestName(id), node: nodeName(target))
      }
      target = first
    }
    let needsMemRegions = blkioNodes.withUnsafeBufferPointer { $0[target.slot]?.needsMemRegions }
    guard let needsMemRegions else { return }
    requests[id.slot] = IORequest(
      id: id, kind: kind, node: target, host: host, size: size, state: .waiting)
    requestsPerNode[target.slot] += 1
    if registeredBuffer, needsMemRegions, variant.checksDirectBuffers {
      registeredBuffer =
        blkioNodes[target.slot]?.blkio.mapped.hasElementCoveringWrapping(start: host, length: size)
        ?? false
    }
    if needsMemRegions && !registeredBuffer {
      allocateBounceBuffer(for: id, entering: true, log: &log)
    } else {
      submit(id, buffer: IOBuffer(addr: host, len: size, bounce: false), log: &log)
    }
    runWakeups(log: &log)
  }

  /// libblkio completes a request in flight; a bounce buffer goes back to
  /// the pool and wakes the next waiter (`blkio_free_bounce_buffer()`).
  mutating func completeRequest(
    _ id: NameID, ret: ReturnValue, log: inout CallLog
  ) throws(SimulationError) {
    guard let request = requests[id.slot] else { throw .unknownRequest(requestName(id)) }
    guard case .inFlight(let buffer) = request.state else {
      throw .requestWaiting(requestName(id))
    }
    if buffer.bounce {
      blkioNodes[request.node.slot]?.bounce.release(buffer, of: id)
      wakeNextWaiter(on: request.node)
    } else if hazards != nil {
      hazards?.inFlight[request.node]?.remove(
        InFlightBuffer(addr: buffer.addr, len: buffer.len, request: id))
    }
    finish(id, ret: ret, log: &log)
    runWakeups(log: &log)
  }

  /// The request returns to its issuer with `ret` and is forgotten.
  mutating func finish(_ id: NameID, ret: ReturnValue, log: inout CallLog) {
    if let node = requests[id.slot]?.node { requestsPerNode[node.slot] -= 1 }
    requests[id.slot] = nil
    names.releaseLater(id, in: .request)
    log.record(.done(request: id, ret: ret))
  }

  /// Whether `id` is an open blkio node, read through the table's storage
  /// in place: `blkioNodes[i] == nil` copies the node out (a retain and a
  /// release of each of its arrays), which showed up per request.
  @inline(__always)
  func hasBlkioNode(_ id: NameID) -> Bool {
    blkioNodes.withUnsafeBufferPointer { $0[id.slot] != nil }
  }

  /// Hands a buffer to libblkio (`blkioq_readv()`/`blkioq_writev()`).
  mutating func submit(_ id: NameID, buffer: IOBuffer, log: inout CallLog) {
    guard let request = requests[id.slot] else { return }
    requests[id.slot]?.state = .inFlight(buffer)
    log.record(.submit(request: id, node: request.node, buffer: buffer))
    if !buffer.bounce, hazards != nil {
      hazards?.inFlight[request.node, default: AddressTree()].insert(
        InFlightBuffer(addr: buffer.addr, len: buffer.len, request: id))
      flagUnmappedDirectIO(request)
    }
  }
}

// MARK: - Guest requests

extension Simulation {
  /// A guest read or write starts on a backend.
  ///
  /// Models virtio-blk setting `BDRV_REQ_REGISTERED_BUF` while its registrar
  /// is ok, the block layer routing the request from the root through each
  /// format node's data child (``BlockGraph/dataChild(of:)``: `data-file`,
  /// else `file`, else the newest child; a node that clears the flag drops
  /// it), and at the blkio node `blkio_co_preadv()`/`blkio_co_pwritev()`'s
  /// choice: a bounce buffer when `needs_mem_regions && !(flags &
  /// REGISTERED_BUF)`, else the guest's buffer. A request may also end at a
  /// file-posix leaf (`format=file`), which reads and writes the guest's
  /// buffer itself.
  ///
  /// A request that does not start and end on the blkio node's request
  /// alignment is padded (``RequestPadding``): it loses the flag, the
  /// driver receives the padded length, and a write is preceded by the
  /// reads of its padding. On a node that needs no memory regions the
  /// padding changes nothing libblkio maps, and the model leaves it out.
  mutating func startRequest(
    _ id: NameID, kind: IOKind, backend: NameID, host: UInt64, size: UInt64, offset: UInt64,
    log: inout CallLog
  ) throws(SimulationError) {
    guard requests[id.slot] == nil else { throw .requestExists(requestName(id)) }
    guard size <= IORequest.maximumSize else {
      throw .requestTooLarge(requestName(id), size: size)
    }
    guard offset <= RequestPadding.maximumEnd, size <= RequestPadding.maximumEnd - offset else {
      throw .requestPastDiskLimit(requestName(id), offset: offset, size: size)
    }
    guard let blk = backends[backend.slot] else { throw .unknownBackend(backendName(backend)) }
    guard var target = blk.root else { throw .backendHasNoRoot(backendName(backend)) }
    var registeredBuffer = blk.registrar?.ok == true
    // Where detect-zeroes turned the write into a zero write, if it did,
    // and whether the flag was still set there.
    var zeroWriteAt: (node: NameID, flagged: Bool)?
    while !blkioNodes.contains(target.slot) {
      if kind == .zeroWrite, zeroWriteAt == nil, formatNodes.detectZeroes(target.slot) != .off {
        zeroWriteAt = (target, registeredBuffer)
      }
      if formatNodes.clearsRegisteredBufFlag(target.slot) { registeredBuffer = false }
      // file-posix does the I/O itself, from the guest's buffer.
      if formatNodes.isProtocol(target.slot), !graph.hasChildren(target) { break }
      guard let first = graph.dataChild(of: target) else {
        throw .requestReachesNoBlkioNode(request: requestName(id), node: nodeName(target))
      }
      target = first
    }
    let needsMemRegions: Bool
    if formatNodes.isProtocol(target.slot) {
      needsMemRegions = false
    } else {
      guard let needs = blkioNodes.needsMemRegions(target.slot) else {
        preconditionFailure("rule: routing ends at a blkio node or a file-posix leaf")
      }
      needsMemRegions = needs
    }
    if let (node, flagged) = zeroWriteAt {
      startZeroWrite(
        id, backend: backend, at: node, flagged: flagged, target: target, size: size, log: &log)
      return
    }
    // bdrv_pad_request(): an unaligned request is padded and loses the flag.
    var body = (host: host, size: size)
    var padReads: [UInt64] = []
    if needsMemRegions, let alignment = blkioNodes.requestAlignment(target.slot),
      let padding = RequestPadding(offset: offset, size: size, alignment: alignment)
    {
      registeredBuffer = false
      body = (host &- padding.head, padding.paddedLength)
      if kind.isWrite { padReads = padding.writeReads }
    }
    // A request larger than the node's max-transfer goes in fragments,
    // after the reads of its padding.
    var piece = (host: body.host, size: body.size)
    let limit = blkioNodes.fragmentLimit(target.slot)
    if !padReads.isEmpty || limit.map({ body.size > $0 }) == true {
      var split = SplitRequest(
        host: body.host, size: body.size, done: 0, limit: limit ?? body.size,
        flagged: registeredBuffer, padReads: padReads)
      if split.padReads.isEmpty {
        piece.size = split.limit
      } else {
        piece.size = split.padReads.removeFirst()
        split.readingPad = true
      }
      splitRequests[id] = split
    }
    admit(
      IORequest(
        id: id, kind: kind, node: target, host: piece.host, size: piece.size, state: .waiting),
      from: backend)
    if registeredBuffer, needsMemRegions, hazards != nil {
      flagUnregisteredNode(request: id, backend: backend, node: target, host: host)
    }
    issueFragment(
      id, node: target, host: piece.host, size: piece.size, flagged: registeredBuffer,
      needsMemRegions: needsMemRegions, log: &log)
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
      blkioNodes.update(request.node.slot) { $0.bounce.release(buffer, of: id) }
      wakeNextWaiter(on: request.node)
    } else if hazards != nil {
      hazards?.forgetInFlight(
        InFlightBuffer(addr: buffer.addr, len: buffer.len, request: id), on: request.node)
    }
    // A failed fragment ends the request with its error, as the loop does.
    if ret == .success, !splitRequests.isEmpty, issueNextFragment(id, log: &log) {
      runWakeups(log: &log)
      return
    }
    finish(id, ret: ret, log: &log)
    runWakeups(log: &log)
  }

  /// Takes `request` in, from `backend`, as waiting: counted on its node and
  /// on its backend (what `close` and `blk_drain()` wait for).
  mutating func admit(_ request: IORequest, from backend: NameID) {
    requests[request.id.slot] = request
    requests.setBackend(backend, request.id.slot)
    requestsPerNode[request.node] += 1
    backends[backend.slot]?.requestsInFlight += 1
  }

  /// The request returns to its issuer with `ret` and is forgotten.
  mutating func finish(_ id: NameID, ret: ReturnValue, log: inout CallLog) {
    if !splitRequests.isEmpty { splitRequests[id] = nil }
    if let node = requests[id.slot]?.node {
      requestsPerNode[node] -= 1
      backends[requests.backend(id.slot).slot]?.requestsInFlight -= 1
    }
    requests[id.slot] = nil
    names.releaseLater(id, in: .request)
    log.record(.done(request: id, ret: ret))
  }

  /// Hands a buffer to libblkio (`blkioq_readv()`/`blkioq_writev()`).
  mutating func submit(_ id: NameID, buffer: IOBuffer, log: inout CallLog) {
    guard let request = requests[id.slot] else {
      preconditionFailure("rule: only a live request is submitted")
    }
    requests.update(id.slot) { $0.state = .inFlight(buffer) }
    log.record(.submit(request: id, node: request.node, buffer: buffer))
    if !buffer.bounce, !buffer.zeroes, hazards != nil {
      hazards?.noteInFlight(
        InFlightBuffer(addr: buffer.addr, len: buffer.len, request: id), on: request.node)
      flagUnmappedDirectIO(request)
    }
  }
}

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
    _ id: String, kind: IOKind, backend name: String, host: UInt64, size: UInt64,
    log: inout CallLog
  ) throws(SimulationError) {
    guard requests[id] == nil else { throw .requestExists(id) }
    guard size <= IORequest.maximumSize else { throw .requestTooLarge(id, size: size) }
    guard let backend = backends[name] else { throw .unknownBackend(name) }
    guard var target = backend.root else { throw .backendHasNoRoot(name) }
    var registeredBuffer = backend.registrar?.ok == true
    while nodes[target] == nil {
      if graph.formatNodes[target]?.clearsRegisteredBufFlag == true { registeredBuffer = false }
      guard let first = graph.childList(of: target).first else {
        throw .requestReachesNoBlkioNode(request: id, node: target)
      }
      target = first
    }
    guard let node = nodes[target] else { return }
    requests[id] = IORequest(
      id: id, kind: kind, node: target, host: host, size: size, state: .waiting)
    if registeredBuffer, node.needsMemRegions, variant.checksDirectBuffers {
      registeredBuffer = node.blkio.mappedRegions.contains { $0.covers(start: host, length: size) }
    }
    if node.needsMemRegions && !registeredBuffer {
      allocateBounceBuffer(for: id, entering: true, log: &log)
    } else {
      submit(id, buffer: IOBuffer(addr: host, len: size, bounce: false), log: &log)
    }
    runWakeups(log: &log)
  }

  /// libblkio completes a request in flight; a bounce buffer goes back to
  /// the pool and wakes the next waiter (`blkio_free_bounce_buffer()`).
  mutating func completeRequest(
    _ id: String, ret: ReturnValue, log: inout CallLog
  ) throws(SimulationError) {
    guard let request = requests[id] else { throw .unknownRequest(id) }
    guard case .inFlight(let buffer) = request.state else { throw .requestWaiting(id) }
    if buffer.bounce {
      nodes[request.node]?.bounce.release(request: id)
      wakeNextWaiter(on: request.node)
    }
    requests[id] = nil
    log.record(.done(request: id, ret: ret))
    runWakeups(log: &log)
  }

  /// Hands a buffer to libblkio (`blkioq_readv()`/`blkioq_writev()`).
  mutating func submit(_ id: String, buffer: IOBuffer, log: inout CallLog) {
    guard let request = requests[id] else { return }
    requests[id]?.state = .inFlight(buffer)
    log.record(.submit(request: id, node: request.node, buffer: buffer))
    if !buffer.bounce { flagUnmappedDirectIO(request, log: &log) }
  }
}

// MARK: - The bounce-buffer pool

extension Simulation {
  /// Models `blkio_alloc_bounce_buffer()` for a request entering it or
  /// woken from its queue: a newcomer joins the back of a non-empty queue;
  /// otherwise first fit, kicking the next waiter on success; with no buffer
  /// live, resize the pool and take the buffer; else wait again (at the back
  /// the first time, at the front later).
  mutating func allocateBounceBuffer(for id: String, entering: Bool, log: inout CallLog) {
    guard let request = requests[id], var node = nodes[request.node] else { return }
    if entering, !node.bounce.waiters.isEmpty {
      wait(id, log: &log)
      return
    }
    if let buffer = node.bounce.allocate(bytes: request.size, for: id) {
      nodes[request.node] = node
      wakeNextWaiter(on: request.node)
      submit(id, buffer: buffer, log: &log)
      return
    }
    guard node.bounce.buffers.isEmpty else {
      wait(id, log: &log)
      return
    }
    if case .failure(let errno) = resizeBouncePool(request.node, bytes: request.size, log: &log) {
      wakeNextWaiter(on: request.node)
      requests[id] = nil
      log.record(.done(request: id, ret: .failure(errno)))
      return
    }
    if let buffer = nodes[request.node]?.bounce.allocate(bytes: request.size, for: id) {
      submit(id, buffer: buffer, log: &log)
    }
  }

  /// Puts a request in its node's wait queue: the back on its first wait,
  /// the front after (`CO_QUEUE_WAIT_FRONT`).
  mutating func wait(_ id: String, log: inout CallLog) {
    guard let request = requests[id] else { return }
    if request.hasWaited {
      nodes[request.node]?.bounce.waiters.insert(id, at: 0)
    } else {
      nodes[request.node]?.bounce.waiters.append(id)
    }
    requests[id]?.hasWaited = true
    requests[id]?.state = .waiting
    log.record(.wait(request: id, node: request.node))
  }

  /// Models `qemu_co_queue_next()`: the first waiter is woken; it runs once
  /// the current coroutine yields.
  mutating func wakeNextWaiter(on name: String) {
    guard let first = nodes[name]?.bounce.waiters.first else { return }
    nodes[name]?.bounce.waiters.removeFirst()
    wakeups.append(first)
  }

  /// Runs the woken requests in the order they were woken.
  mutating func runWakeups(log: inout CallLog) {
    while !wakeups.isEmpty {
      let id = wakeups.removeFirst()
      allocateBounceBuffer(for: id, entering: false, log: &log)
    }
  }

  /// Models `blkio_resize_bounce_pool()`: pad by 128 KiB; unmap and free
  /// the old pool; `blkio_alloc_mem_region()` and `blkio_map_mem_region()`
  /// the new one, freeing it again if the map fails.
  mutating func resizeBouncePool(
    _ name: String, bytes: UInt64, log: inout CallLog
  ) -> ReturnValue {
    guard var node = nodes[name] else { return .success }
    defer { nodes[name] = node }
    var length = bytes &+ 128 * 1024
    if variant.alignsBouncePool {
      let alignment = node.memRegionAlignment
      length = (length &+ alignment &- 1) / alignment &* alignment
    }
    if let old = node.bounce.region {
      if !node.blkio.unmap(old) {
        log.flag(.unmapUnmapped, "bounce pool at \(CFormat.hex(old.addr)) of '\(name)'")
      }
      log.record(.unmap(old))
      free(old, on: &node, log: &log)
      node.bounce.region = nil
    }
    if variant.respectsRegionLimit,
      UInt64(node.blkio.mappedRegions.count) >= node.blkio.properties.maxMemRegions
    {
      return .failure(.ENOSPC)
    }
    let region: MemRegion
    do {
      region = try node.blkio.allocate(length: length, from: &memory)
      log.record(.alloc(region, .success))
    } catch {
      log.record(
        .alloc(MemRegion(addr: 0, len: length, fd: -1, fdOffset: 0), .failure(error.errno)))
      return .failure(error.errno)
    }
    do {
      try node.blkio.map(region)
      log.record(.map(region, .success))
    } catch {
      log.record(.map(region, .failure(error.errno)))
      if error.errno == .ENOSPC { log.flag(.regionLimit, error.message + " (the bounce pool)") }
      free(region, on: &node, log: &log)
      return .failure(error.errno)
    }
    node.bounce.region = region
    return .success
  }

  /// `blkio_free_mem_region()`, recording a fault where libblkio aborts.
  func free(_ region: MemRegion, on node: inout BlkioNode, log: inout CallLog) {
    log.record(.free(region))
    if let fault = node.blkio.free(region) {
      log.record(.fault(fault))
      log.flag(.callerFault, fault)
    }
  }
}

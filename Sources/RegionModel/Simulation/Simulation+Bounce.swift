// MARK: - The bounce-buffer pool

extension Simulation {
  /// Models `blkio_alloc_bounce_buffer()` for a request entering it or
  /// woken from its queue: one ``BouncePool/attempt(bytes:for:entering:hasWaited:)``
  /// in place on the node; when no buffer is live and none fits, resize the
  /// pool and take the buffer, or fail the request (waking the next waiter)
  /// if the resize fails.
  mutating func allocateBounceBuffer(for id: NameID, entering: Bool, log: inout CallLog) {
    guard let request = requests[id.slot] else {
      preconditionFailure("rule: only a live request enters or waits for the bounce pool")
    }
    let node = request.node
    let attempt = blkioNodes.update(node.slot) { blkioNode in
      blkioNode.bounce.attempt(
        bytes: request.size, for: id, entering: entering, hasWaited: request.hasWaited)
    }
    switch attempt {
    case nil:
      return
    case .allocated(let buffer, let woken)?:
      if let woken { wakeups.append(woken) }
      submit(id, buffer: buffer, log: &log)
    case .queued?:
      requests.update(id.slot) { request in
        request.hasWaited = true
        request.state = .waiting
      }
      log.record(.wait(request: id, node: node))
    case .needsResize?:
      if case .failure(let errno) = resizeBouncePool(node, bytes: request.size, log: &log) {
        wakeNextWaiter(on: node)
        finish(id, ret: .failure(errno), log: &log)
        return
      }
      let allocated = blkioNodes.update(node.slot) { blkioNode in
        blkioNode.bounce.allocate(bytes: request.size, for: id)
      }
      if let buffer = allocated ?? nil {
        submit(id, buffer: buffer, log: &log)
      }
    }
  }

  /// Models `qemu_co_queue_next()`: the first waiter is woken; it runs once
  /// the current coroutine yields.
  mutating func wakeNextWaiter(on node: NameID) {
    if let first = blkioNodes.update(node.slot, { $0.bounce.wakeNext() }) ?? nil {
      wakeups.append(first)
    }
  }

  /// Runs the woken requests in the order they were woken.
  mutating func runWakeups(log: inout CallLog) {
    while let id = wakeups.popFirst() {
      allocateBounceBuffer(for: id, entering: false, log: &log)
    }
  }

  /// Models `blkio_resize_bounce_pool()`: pad by 128 KiB; unmap and free
  /// the old pool; `blkio_alloc_mem_region()` and `blkio_map_mem_region()`
  /// the new one, freeing it again if the map fails.
  mutating func resizeBouncePool(
    _ id: NameID, bytes: UInt64, log: inout CallLog
  ) -> ReturnValue {
    guard blkioNodes.contains(id.slot) else { return .success }
    var length = bytes &+ 128 * 1024
    // The node is read in place (`read`): its subscript copies it out.
    let alignment = blkioNodes.read(id.slot) { $0.memRegionAlignment }
    if variant.alignsBouncePool, let alignment {
      length = (length &+ alignment &- 1) / alignment &* alignment
    }
    if let old = blkioNodes.read(id.slot, { $0.bounce.region }) ?? nil {
      if blkioNodes[id.slot]?.blkio.unmap(old) == false, hazards != nil {
        let detail =
          formatsHazardDetails ? "bounce pool at \(CFormat.hex(old.addr)) of '\(nodeName(id))'" : ""
        hazards?.flag(.unmapUnmapped, detail)
      }
      log.record(.unmap(old))
      free(old, on: id, log: &log)
      blkioNodes[id.slot]?.bounce.region = nil
    }
    let slotsFull =
      blkioNodes.read(id.slot) { node in
        UInt64(max(node.blkio.mapped.count, node.blkio.deviceMappings))
          >= node.blkio.properties.maxMemRegions
      } == true
    if variant.respectsRegionLimit, slotsFull { return .failure(.ENOSPC) }
    let region: MemRegion
    do {
      guard
        let allocated = try blkioNodes[id.slot]?.blkio.allocate(
          length: length, from: &memory, avoiding: ram)
      else { return .success }
      region = allocated
      log.record(.alloc(region, .success))
    } catch {
      log.record(
        .alloc(MemRegion(addr: 0, len: length, fd: -1, fdOffset: 0), .failure(error.errno)))
      if error.errno == .EINVAL, hazards != nil {
        let detail =
          formatsHazardDetails
          ? "a pool of \(CFormat.hex(length)) bytes for '\(nodeName(id))': \(error.message)"
          : ""
        hazards?.flag(.bouncePoolUnaligned, detail)
      }
      return .failure(error.errno)
    }
    do {
      let note = try blkioNodes[id.slot]?.blkio.map(region)
      log.record(.map(region, .success))
      if let note { hazards?.flag(.regionLimit, note + " (the bounce pool)") }
    } catch {
      log.record(.map(region, .failure(error.errno)))
      if error.reachedLimit {
        hazards?.flag(.regionLimit, error.message + " (the bounce pool)")
      }
      free(region, on: id, log: &log)
      return .failure(error.errno)
    }
    blkioNodes[id.slot]?.bounce.region = region
    return .success
  }

  /// `blkio_free_mem_region()`, recording a fault where libblkio aborts.
  mutating func free(_ region: MemRegion, on id: NameID, log: inout CallLog) {
    log.record(.free(region))
    if blkioNodes.read(id.slot, { $0.blkio.allocatedRegions.contains(region) }) == true {
      memory.release(region)
    }
    if let fault = blkioNodes[id.slot]?.blkio.free(region) {
      log.record(.fault(names.message(fault)))
      hazards?.flag(.callerFault, fault)
    }
  }
}

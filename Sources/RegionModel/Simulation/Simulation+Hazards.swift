// MARK: - Hazards that need the whole process

extension Simulation {
  /// Flags each map or unmap among `calls` (made on blkio node `name`)
  /// whose region overlaps the buffer of a request in flight on that node.
  func flagRegionsInFlight(node name: String, calls: ArraySlice<Call>, log: inout CallLog) {
    guard log.watchesHazards, !requests.isEmpty else { return }
    let inFlight = requests.values.filter { $0.node == name }.compactMap {
      request -> (String, MemRegion)? in
      guard case .inFlight(let buffer) = request.state, !buffer.bounce else { return nil }
      return (request.id, MemRegion(addr: buffer.addr, len: buffer.len, fd: -1, fdOffset: 0))
    }.sorted { $0.0 < $1.0 }
    guard !inFlight.isEmpty else { return }
    for call in calls {
      let region: MemRegion
      let verb: String
      switch call {
      case .map(let mapped, .success): (region, verb) = (mapped, "mapped")
      case .unmap(let unmapped): (region, verb) = (unmapped, "unmapped")
      default: continue
      }
      for (id, buffer) in inFlight where buffer.overlaps(region) {
        log.flag(
          .regionInFlight,
          "region at \(CFormat.hex(region.addr)) len \(CFormat.hex(region.len)) \(verb) on "
            + "'\(name)' while request '\(id)' uses \(CFormat.hex(buffer.addr))")
      }
    }
  }

  /// Flags a direct request on a driver that needs regions whose buffer is
  /// not inside one mapped region.
  func flagUnmappedDirectIO(_ request: IORequest, log: inout CallLog) {
    guard log.watchesHazards, let node = nodes[request.node], node.needsMemRegions else { return }
    let covered = node.blkio.mappedRegions.contains {
      $0.covers(start: request.host, length: request.size)
    }
    if !covered {
      log.flag(
        .ioUnmapped,
        "request '\(request.id)' hands \(CFormat.hex(request.host)) len "
          + "\(CFormat.hex(request.size)) to '\(request.node)', which has no mapping for it")
    }
  }
}

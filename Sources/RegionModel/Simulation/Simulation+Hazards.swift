// MARK: - Hazards that need the whole process

extension Simulation {
  /// Flags each map or unmap among `calls` (made on blkio node `id`) whose
  /// region overlaps the buffer of a direct request in flight on that node:
  /// O(log n) per call through the node's index of in-flight buffers.
  mutating func flagRegionsInFlight(node id: NameID, calls: ArraySlice<CallRecord>) {
    guard let inFlight = hazards?.inFlight(on: id), !inFlight.isEmpty else { return }
    // `inFlight` is a copy, but nothing below changes the index it copies.
    for call in calls {
      let region: MemRegion
      let verb: String
      switch call {
      case .map(let mapped, .success): (region, verb) = (mapped, "mapped")
      case .unmap(let unmapped): (region, verb) = (unmapped, "unmapped")
      default: continue
      }
      // Most regions overlap no buffer in flight: asked first without
      // collecting (the full answer allocates two arrays).
      guard
        inFlight.firstOverlappingWrapping(start: region.addr, length: region.len) != nil
      else { continue }
      let overlapping = inFlight.overlappingWrapping(start: region.addr, length: region.len)
      guard formatsHazardDetails else {
        for _ in overlapping { hazards?.flag(.regionInFlight, "") }
        continue
      }
      let hits = overlapping.map { (requestName($0.request), $0) }
        .sorted { $0.0 < $1.0 }
      for (name, buffer) in hits {
        let detail =
          "region at \(CFormat.hex(region.addr)) len \(CFormat.hex(region.len)) \(verb) on "
          + "'\(nodeName(id))' while request '\(name)' uses \(CFormat.hex(buffer.addr))"
        hazards?.flag(.regionInFlight, detail)
      }
    }
  }

  /// Flags a direct request on a driver that needs regions whose buffer is
  /// not inside one mapped region.
  mutating func flagUnmappedDirectIO(_ request: IORequest) {
    // Read in place: the subscript copies the node out.
    guard blkioNodes.needsMemRegions(request.node.slot) == true,
      blkioNodes.mapsAll(request.node.slot, host: request.host, size: request.size) == false
    else { return }
    do {
      let detail =
        formatsHazardDetails
        ? "request '\(requestName(request.id))' hands \(CFormat.hex(request.host)) len "
          + "\(CFormat.hex(request.size)) to '\(nodeName(request.node))', which has no mapping "
          + "for it"
        : ""
      hazards?.flag(.ioUnmapped, detail)
    }
  }

  /// Forgets what the hazard checker knew of a closed node.
  mutating func forgetHazardState(of id: NameID) {
    hazards?.forgetInFlight(of: id)
    hazards?.forgetNode(id)
  }
}

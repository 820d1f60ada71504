// MARK: - Registering and unregistering buffers

extension BlkioNode {
  /// Whether the node leaves buffers alone: regions are not needed and
  /// mapping would pin memory (the seed's early return in both
  /// `blkio_register_buf()` and `blkio_unregister_buf()`).
  public var skipsRegistration: Bool {
    !needsMemRegions && memRegionsPinned
  }

  /// Registers the buffer `[host, host + size)`.
  ///
  /// Models the seed's `blkio_register_buf()`: nothing when
  /// ``skipsRegistration``; otherwise ``memRegionFromHost(host:size:ram:)``,
  /// where SKIP succeeds (fails in `fixed`:
  /// ``DriverVariant/refusesUnmappableBuffers``) and FAIL fails, and for OK one
  /// `blkio_map_mem_region()` whose failure becomes `Failed to add blkio mem
  /// region %p with size %zu: <libblkio's message>`.
  public mutating func register(
    host: UInt64, size: UInt64, ram: RAMMap, log: inout CallLog, hazards: inout HazardWatch?
  ) throws(QEMUError) {
    if skipsRegistration { return }
    if hazards != nil { flagAlignmentDisagreement(host: host, size: size, hazards: &hazards) }
    let region: MemRegion
    switch memRegionFromHost(host: host, size: size, ram: ram) {
    case .skip:
      if variant.refusesUnmappableBuffers {
        throw QEMUError(
          DriverMessages.cannotMap(
            host: host, size: size, reason: "no RAMBlock with an fd holds it"))
      }
      if hazards != nil { flagFdlessSkip(host: host, size: size, ram: ram, hazards: &hazards) }
      return
    case .fail(let error): throw error
    case .ok(let produced): region = produced
    }
    if variant.countsRegistrations, let count = registrationCounts[region] {
      registrationCounts[region] = count + 1
      return
    }
    if variant.respectsRegionLimit, UInt64(blkio.mapped.count) >= registrationSlots {
      throw QEMUError(
        DriverMessages.cannotMap(
          host: host, size: size,
          reason: "all \(registrationSlots) memory regions for buffers are in use"))
    }
    if hazards != nil, blkio.properties.driver.sendsOverlapsToBackend {
      flagOverlaps(with: region, hazards: &hazards)
    }
    do {
      let note = try blkio.map(region)
      log.record(.map(region, .success))
      if let note { hazards?.flag(.regionLimit, note) }
      if variant.countsRegistrations { registrationCounts[region] = 1 }
      if hazards != nil, blkio.properties.driver.usesFDOffset, region.fd != -1,
        let hit = ram.block(containingHost: host),
        region.fdOffset != hit.offset &+ hit.block.fileOffset
      {
        hazards?.flag(
          .fileOffsetIgnored,
          "RAMBlock '\(hit.block.name)' starts at offset \(CFormat.hex(hit.block.fileOffset)) of "
            + "fd \(region.fd), but fd-offset=\(CFormat.hex(region.fdOffset)) was passed")
      }
    } catch {
      log.record(.map(region, .failure(error.errno)))
      if error.reachedLimit {
        hazards?.flag(.regionLimit, error.message)
      }
      throw QEMUError(
        DriverMessages.failedToAdd(host: host, size: size, detail: error.message))
    }
  }

  /// Unregisters the buffer `[host, host + size)`.
  ///
  /// Models the seed's `blkio_unregister_buf()`: nothing when
  /// ``skipsRegistration`` or when the region cannot be produced (SKIP or
  /// FAIL, whose error is dropped); otherwise one
  /// `blkio_unmap_mem_region()`, which never fails.
  public mutating func unregister(
    host: UInt64, size: UInt64, ram: RAMMap, log: inout CallLog, hazards: inout HazardWatch?
  ) {
    if skipsRegistration { return }
    guard case .ok(let region) = memRegionFromHost(host: host, size: size, ram: ram) else {
      return
    }
    if variant.countsRegistrations {
      guard let count = registrationCounts[region] else { return }
      registrationCounts[region] = count > 1 ? count - 1 : nil
      if count > 1 { return }
    }
    if !blkio.unmap(region) {
      hazards?.flag(
        .unmapUnmapped, "region at \(CFormat.hex(region.addr)) len \(CFormat.hex(region.len))")
    }
    log.record(.unmap(region))
  }
}

// MARK: - Hazards of the hooks

extension BlkioNode {
  /// Flags a buffer without fd that registration skipped: `buffer %p size
  /// %zu: RAMBlock 'NAME' has no fd` (or `no RAMBlock contains it`),
  /// formatted as bytes, since a trace may hold a million of them.
  func flagFdlessSkip(host: UInt64, size: UInt64, ram: RAMMap, hazards: inout HazardWatch?) {
    var blockName = ram.block(containingHost: host)?.block.name
    let room = 96 + (blockName?.utf8.count ?? 0)
    hazards?.flag(.fdlessSkip, atMost: room) { cursor in
      cursor.write("buffer ")
      if host == 0 { cursor.write("(nil)") } else { cursor.writeHex(host) }
      cursor.write(" size ")
      cursor.writeDecimal(size)
      if blockName != nil {
        cursor.write(": RAMBlock '")
        blockName?.withUTF8 { cursor.write($0) }
        cursor.write("' has no fd")
      } else {
        cursor.write(": no RAMBlock contains it")
      }
    }
  }

  /// Flags a buffer that QEMU's `(host | size) % alignment` check and
  /// libblkio's separate `addr` and `len` checks judge differently.
  func flagAlignmentDisagreement(host: UInt64, size: UInt64, hazards: inout HazardWatch?) {
    let alignment = memRegionAlignment
    let qemuAccepts = alignmentAccepts(host: host, size: size)
    let libblkioAccepts = host % alignment == 0 && size % alignment == 0
    if qemuAccepts != libblkioAccepts {
      hazards?.flag(
        .alignmentDisagreement,
        "buffer \(CFormat.pointer(host)) size \(size) with alignment \(alignment): QEMU "
          + (qemuAccepts ? "accepts" : "refuses") + ", libblkio "
          + (libblkioAccepts ? "accepts" : "refuses"))
    }
  }

  /// Flags a region about to be mapped that shares a byte with a mapped
  /// one. An empty region holds no byte, so it overlaps nothing.
  func flagOverlaps(with region: MemRegion, hazards: inout HazardWatch?) {
    guard region.len > 0 else { return }
    let other = blkio.mapped.firstOverlappingWrapping(
      start: region.addr, length: region.len, excluding: region, nonEmpty: true)
    if let other {
      hazards?.flag(
        .overlappingRegions,
        "region at \(CFormat.hex(region.addr)) len \(CFormat.hex(region.len)) overlaps the mapped "
          + "region at \(CFormat.hex(other.addr)) len \(CFormat.hex(other.len))")
    }
  }
}

// MARK: - Region slots

extension BlkioNode {
  /// How many regions registrations may map in `fixed`: `max-mem-regions`,
  /// less the slot libblkio's ring memory takes (vhost-user, VFIO), less
  /// one slot kept for the bounce pool when the driver needs regions.
  var registrationSlots: UInt64 {
    let ring: UInt64 = blkio.properties.driver.ringTakesASlot ? 1 : 0
    let pool: UInt64 = needsMemRegions ? 1 : 0
    let limit = blkio.properties.maxMemRegions
    return limit > ring + pool ? limit - ring - pool : 0
  }
}

import RegionModel
import Testing

/// Scenarios whose expected calls and results were worked out by reading the
/// seed's `blkio_file_open()`, `blkio_register_buf()`,
/// `blkio_unregister_buf()`, `blkio_mem_region_from_host()` and
/// `blkio_close()`; each comment gives the reasoning.
@Suite struct DriverTests {
  /// Applies an input and keeps its calls and result (the hazards it
  /// notices are tested in HazardTests).
  func apply(_ simulation: inout Simulation, _ input: TraceInput) throws -> StepOutput {
    var output = try simulation.apply(input)
    output.hazards = []
    return output
  }

  func region(_ addr: UInt64, _ len: UInt64, fd: Int32 = -1, offset: UInt64 = 0) -> MemRegion {
    MemRegion(addr: addr, len: len, fd: fd, fdOffset: offset)
  }

  @Test func vhostUserPinsByFallbackAndMapsWithTheBlocksFd() throws {
    var sim = Simulation()
    _ = try apply(
      &sim,
      .ramblockAdd(
        name: "ram", host: 0x7F00_0000_0000, max: 1 << 30, used: nil, fd: 10, fileOffset: 0))
    // mem-regions-pinned is absent, so pinned = needs-mem-regions = true:
    // ram_block_discard_disable(true) is called and succeeds.
    #expect(
      try apply(&sim, .open(node: "d", driver: .virtioBlkVhostUser, overrides: []))
        == StepOutput(calls: [.discardDisable(.success)], result: .ok))
    // host is at offset 0x1000 of the block; fd_offset = 0x1000.
    #expect(
      try apply(&sim, .register(node: "d", host: 0x7F00_0000_1000, size: 0x2000))
        == StepOutput(
          calls: [.map(region(0x7F00_0000_1000, 0x2000, fd: 10, offset: 0x1000), .success)],
          result: .ok))
    #expect(
      try apply(&sim, .unregister(node: "d", host: 0x7F00_0000_1000, size: 0x2000))
        == StepOutput(
          calls: [.unmap(region(0x7F00_0000_1000, 0x2000, fd: 10, offset: 0x1000))], result: nil))
    #expect(
      try apply(&sim, .close(node: "d")) == StepOutput(calls: [.discardEnable], result: nil))
    #expect(sim.discard.disabledCount == 0)
  }

  @Test func theBlocksOwnFileOffsetIsNotAdded() throws {
    var sim = Simulation()
    _ = try apply(
      &sim,
      .ramblockAdd(
        name: "ram", host: 0x10000, max: 0x10000, used: nil, fd: 7, fileOffset: 0x4000_0000))
    _ = try apply(&sim, .open(node: "d", driver: .virtioBlkVhostUser, overrides: []))
    // fd_offset is host - block.host only: 0x100, not 0x40000100.
    #expect(
      try apply(&sim, .register(node: "d", host: 0x10100, size: 0x100)).calls
        == [.map(region(0x10100, 0x100, fd: 7, offset: 0x100), .success)])
  }

  @Test func memoryWithoutFdIsSkippedAsSuccess() throws {
    var sim = Simulation()
    _ = try apply(
      &sim,
      .ramblockAdd(name: "bios", host: 0x10000, max: 0x10000, used: nil, fd: -1, fileOffset: 0))
    _ = try apply(&sim, .open(node: "d", driver: .virtioBlkVhostUser, overrides: []))
    // Block found but fd == -1: BMRR_SKIP, register returns true, no map.
    #expect(
      try apply(&sim, .register(node: "d", host: 0x10000, size: 0x10000))
        == StepOutput(calls: [], result: .ok))
    // No block at all: fd stays -1, also SKIP.
    #expect(
      try apply(&sim, .register(node: "d", host: 0x90000, size: 0x10))
        == StepOutput(calls: [], result: .ok))
    // Unregister of a skipped buffer makes no call either.
    #expect(try apply(&sim, .unregister(node: "d", host: 0x10000, size: 0x10000)).calls.isEmpty)
  }

  @Test func aBufferRunningPastItsBlockFails() throws {
    var sim = Simulation()
    _ = try apply(
      &sim, .ramblockAdd(name: "a", host: 0x10000, max: 0x10000, used: nil, fd: 3, fileOffset: 0))
    _ = try apply(
      &sim, .ramblockAdd(name: "b", host: 0x20000, max: 0x10000, used: nil, fd: 4, fileOffset: 0))
    _ = try apply(&sim, .open(node: "d", driver: .virtioBlkVhostUser, overrides: []))
    // host + size - 1 = 0x20000 lies in b, not a.
    #expect(
      try apply(&sim, .register(node: "d", host: 0x18000, size: 0x8001))
        == StepOutput(
          calls: [],
          result: .error("registered buffer at 0x18000 with size 32769 extends beyond RAMBlock")))
    // Ending in no block at all also fails.
    #expect(
      try apply(&sim, .register(node: "d", host: 0x28000, size: 0x10000)).result
        == .error("registered buffer at 0x28000 with size 65536 extends beyond RAMBlock"))
  }

  @Test func sizeZeroLooksUpTheByteBeforeHost() throws {
    var sim = Simulation()
    _ = try apply(
      &sim, .ramblockAdd(name: "a", host: 0x10000, max: 0x10000, used: nil, fd: 3, fileOffset: 0))
    _ = try apply(&sim, .open(node: "d", driver: .virtioBlkVhostUser, overrides: []))
    // host + 0 - 1 = 0xffff is outside a (the block before), so FAIL.
    #expect(
      try apply(&sim, .register(node: "d", host: 0x10000, size: 0)).result
        == .error("registered buffer at 0x10000 with size 0 extends beyond RAMBlock"))
    // Inside the block, host - 1 is in the same block: OK, a zero-length map.
    #expect(
      try apply(&sim, .register(node: "d", host: 0x10010, size: 0)).calls
        == [.map(region(0x10010, 0, fd: 3, offset: 0x10), .success)])
  }

  @Test func aBufferAtTheTopOfTheAddressSpace() throws {
    var sim = Simulation()
    let host = UInt64.max - 0xFFF
    _ = try apply(
      &sim, .ramblockAdd(name: "top", host: host, max: 0x1000, used: nil, fd: 5, fileOffset: 0))
    _ = try apply(&sim, .open(node: "d", driver: .virtioBlkVhostVdpa, overrides: []))
    // host + size - 1 = 2^64 - 1, the last byte of the block: OK.
    #expect(
      try apply(&sim, .register(node: "d", host: host, size: 0x1000)).calls
        == [.map(region(host, 0x1000, fd: 5, offset: 0), .success)])
    // One page more wraps: host + 0x2000 - 1 = 0xfff, no block there.
    #expect(
      try apply(&sim, .register(node: "d", host: host, size: 0x2000)).result
        == .error("registered buffer at 0xfffffffffffff000 with size 8192 extends beyond RAMBlock"))
  }

  @Test func qemusAlignmentCheckOrsHostAndSize() throws {
    var sim = Simulation()
    _ = try apply(
      &sim, .open(node: "d", driver: .virtioBlkVfioPci, overrides: [.mayPinMemRegions(false)]))
    // (0x1000 | 0x800) % 4096 != 0.
    #expect(
      try apply(&sim, .register(node: "d", host: 0x1000, size: 0x800))
        == StepOutput(calls: [], result: .error("unaligned buf 0x1000 with size 2048")))
    // %p of a NULL host is "(nil)".
    #expect(
      try apply(&sim, .register(node: "d", host: 0, size: 3)).result
        == .error("unaligned buf (nil) with size 3"))
  }

  @Test func nonPowerOfTwoAlignmentsDisagreeWithLibblkio() throws {
    var sim = Simulation()
    _ = try apply(
      &sim, .open(node: "d", driver: .virtioBlkVfioPci, overrides: [.memRegionAlignment(3)]))
    // (1 | 2) % 3 == 0 passes QEMU, but libblkio finds addr 1 % 3 != 0.
    #expect(
      try apply(&sim, .register(node: "d", host: 1, size: 2))
        == StepOutput(
          calls: [.map(region(1, 2), .failure(.EINVAL))],
          result: .error(
            "Failed to add blkio mem region 0x1 with size 2: addr 0x1 violates mem-region-alignment 3"
          )))
    // (3 | 6) % 3 == 1 fails QEMU although both are multiples of 3.
    #expect(
      try apply(&sim, .register(node: "d", host: 3, size: 6)).result
        == .error("unaligned buf 0x3 with size 6"))
  }

  @Test func duplicateAndExhaustedMapsFail() throws {
    var sim = Simulation()
    // Two DMA entries: libblkio's ring memory takes the first.
    _ = try apply(&sim, .open(node: "d", driver: .virtioBlkVfioPci, overrides: [.maxMemRegions(2)]))
    _ = try apply(&sim, .register(node: "d", host: 0x1000, size: 0x1000))
    #expect(
      try apply(&sim, .register(node: "d", host: 0x1000, size: 0x1000))
        == StepOutput(
          calls: [.map(region(0x1000, 0x1000), .failure(.EINVAL))],
          result: .error(
            "Failed to add blkio mem region 0x1000 with size 4096: memory region already mapped")))
    #expect(
      try apply(&sim, .register(node: "d", host: 0x2000, size: 0x1000))
        == StepOutput(
          calls: [.map(region(0x2000, 0x1000), .failure(.EIO))],
          result: .error(
            "Failed to add blkio mem region 0x2000 with size 4096: Failed to set up IOMMU mapping "
              + "process memory [0x2000, 0x3000) to device memory [0x7000, 0x8000): No space left "
              + "on device (os error 28)")))
  }

  @Test func ioUringMapsUnlessToldItPins() throws {
    var sim = Simulation()
    // needs-mem-regions=false and pinned falls back to false: the early
    // return does not apply, so io_uring maps (fd -1: no fd needed).
    #expect(
      try apply(&sim, .open(node: "a", driver: .ioUring, overrides: []))
        == StepOutput(calls: [], result: .ok))
    #expect(
      try apply(&sim, .register(node: "a", host: 0x1234, size: 0x10)).calls
        == [.map(region(0x1234, 0x10), .success)])
    // With mem-regions-pinned=true: discard disabled at open, and
    // !needs && pinned makes register and unregister do nothing.
    #expect(
      try apply(&sim, .open(node: "b", driver: .ioUring, overrides: [.memRegionsPinned(true)]))
        == StepOutput(calls: [.discardDisable(.success)], result: .ok))
    #expect(
      try apply(&sim, .register(node: "b", host: 0x1234, size: 0x10))
        == StepOutput(calls: [], result: .ok))
    #expect(try apply(&sim, .unregister(node: "b", host: 0x1234, size: 0x10)).calls.isEmpty)
    // may-pin-mem-regions is not read by the seed at all.
    #expect(
      try apply(
        &sim, .open(node: "c", driver: .virtioBlkVhostUser, overrides: [.mayPinMemRegions(false)])
      ).calls
        == [.discardDisable(.success)])
  }

  @Test func virtioMemAndPinnedDriversExcludeEachOther() throws {
    var sim = Simulation()
    #expect(try apply(&sim, .discardRequire) == StepOutput(calls: [], result: .ok))
    #expect(
      try apply(&sim, .open(node: "d", driver: .virtioBlkVhostUser, overrides: []))
        == StepOutput(
          calls: [.discardDisable(.failure(.EBUSY))],
          result: .error("ram_block_discard_disable() failed: Device or resource busy")))
    #expect(sim.blkioNode(named: "d") == nil)
    // An unpinned driver opens fine next to virtio-mem.
    #expect(try apply(&sim, .open(node: "n", driver: .nvmeIoUring, overrides: [])).result == .ok)
    _ = try apply(&sim, .discardRelease)
    #expect(
      try apply(&sim, .open(node: "d", driver: .virtioBlkVhostUser, overrides: [])).result == .ok)
    #expect(
      try apply(&sim, .discardRequire)
        == StepOutput(calls: [], result: .error("Discarding RAM is disabled")))
    #expect(throws: SimulationError.noVirtioMemRealized) { try apply(&sim, .discardRelease) }
  }

  @Test func aStartFailureUndoesTheDiscardDisable() throws {
    var sim = Simulation()
    #expect(
      try apply(
        &sim, .open(node: "d", driver: .virtioBlkVhostVdpa, overrides: [.start(fails: true)]))
        == StepOutput(
          calls: [.discardDisable(.success), .discardEnable],
          result: .error("blkio_start failed: injected start failure: Input/output error")))
    #expect(sim.discard.disabledCount == 0)
    #expect(throws: SimulationError.nodeNotOpen("d")) { try apply(&sim, .close(node: "d")) }
    // Unpinned: no discard calls at all.
    #expect(
      try apply(&sim, .open(node: "e", driver: .ioUring, overrides: [.start(fails: true)]))
        == StepOutput(
          calls: [],
          result: .error("blkio_start failed: injected start failure: Input/output error")))
  }

  @Test func closeDropsMappingsWithoutUnmap() throws {
    var sim = Simulation()
    _ = try apply(&sim, .open(node: "d", driver: .virtioBlkVfioPci, overrides: []))
    _ = try apply(&sim, .register(node: "d", host: 0x1000, size: 0x1000))
    #expect(try apply(&sim, .close(node: "d")).calls == [.discardEnable])
    // Re-opened on a fresh instance, the same region maps again.
    _ = try apply(&sim, .open(node: "d", driver: .virtioBlkVfioPci, overrides: []))
    #expect(try apply(&sim, .register(node: "d", host: 0x1000, size: 0x1000)).result == .ok)
  }

  @Test func structuralErrorsOfTheTrace() throws {
    var sim = Simulation()
    #expect(throws: SimulationError.nodeNotOpen("x")) {
      try apply(&sim, .register(node: "x", host: 0, size: 0))
    }
    #expect(throws: SimulationError.nodeNotOpen("x")) {
      try apply(&sim, .unregister(node: "x", host: 0, size: 0))
    }
    _ = try apply(&sim, .open(node: "x", driver: .ioUring, overrides: []))
    #expect(throws: SimulationError.nodeAlreadyOpen("x")) {
      try apply(&sim, .open(node: "x", driver: .ioUring, overrides: []))
    }
    #expect(throws: SimulationError.ramMap(.unknownBlock("r"))) {
      try apply(&sim, .ramblockRemove(name: "r"))
    }
  }

  @Test(arguments: 0..<30 as Range<UInt64>)
  func memRegionFromHostIsDeterministic(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    var ram = RAMMap()
    for index in 0..<8 {
      _ = try? ram.add(
        name: "b\(index)", host: random.bounded(64) << 16,
        maxLength: (random.bounded(16) + 1) << 12,
        fd: random.chance(1, in: 4) ? -1 : Int32(index))
    }
    var discard = DiscardManager()
    var memory = FakeMemory()
    var log = CallLog()
    for driver in BlkioDriverName.allCases {
      let node = try BlkioNode.open(
        properties: .defaults(for: driver), discard: &discard, memory: &memory, log: &log)
      for _ in 0..<50 {
        let host = random.bounded(64 << 16)
        let size = random.bounded(4) << random.bounded(16)
        #expect(
          node.memRegionFromHost(host: host, size: size, ram: ram)
            == node.memRegionFromHost(host: host, size: size, ram: ram))
      }
    }
  }
}

import Foundation
import RegionModel
import Testing

/// libblkio's per-transport rules: what each driver does with a map, and
/// the hazards that depend on it.
@Suite struct TransportTests {
  static func hazards(_ body: String) throws -> [HazardCode] {
    try HazardScan.run(source: MemorySource("blkio-trace 1\n" + body)).get().map(\.hazard.code)
  }

  /// Random maps and unmaps on vhost-vdpa and VFIO, below the top of the
  /// address space: the IOVA space never holds two mappings that share a
  /// process address or an IOVA, its non-empty mappings are exactly
  /// libblkio's non-empty record plus the ring memory, and the kernel's
  /// count follows the record. (An empty region refused by the kernel
  /// leaves an empty entry behind, as libblkio's rollback, which frees
  /// what intersects the region, finds nothing to free.)
  @Test(arguments: 0..<30 as Range<UInt64>)
  func theIOVASpaceHoldsTheRecordAndNeverOverlaps(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    for driver in [BlkioDriverName.virtioBlkVhostVdpa, .virtioBlkVfioPci] {
      var blkio = FakeBlkio(properties: .defaults(for: driver))
      var memory = FakeMemory()
      try blkio.start(memory: &memory, ram: RAMMap())
      for _ in 0..<200 {
        let region = MemRegion(
          addr: random.bounded(64) << 12, len: random.bounded(6) << 12, fd: -1, fdOffset: 0)
        if random.chance(1, in: 3), let mapped = random.pick(blkio.mapped.elements) {
          blkio.unmap(mapped)
        } else {
          _ = try? blkio.map(region)
        }
        let space = try #require(blkio.iovaSpace)
        let mappings = space.byAddress.elements.filter { $0.size > 0 }
        for (one, other) in zip(mappings, mappings.dropFirst()) {
          #expect(one.address + one.size <= other.address, "seed \(seed)")
        }
        let iovas = mappings.map { ($0.iova, $0.size) }.sorted { $0.0 < $1.0 }
        for (one, other) in zip(iovas, iovas.dropFirst()) {
          #expect(one.0 + one.1 <= other.0, "seed \(seed)")
        }
        let ring = try #require(blkio.ringMemory)
        #expect(
          Set(mappings.map(\.address))
            == Set(blkio.mapped.elements.filter { $0.len > 0 }.map(\.addr) + [ring.addr]),
          "seed \(seed)")
        #expect(blkio.deviceMappings == blkio.mapped.count + 1, "seed \(seed)")
      }
    }
  }

  @Test func fileOffsetIgnoredNeedsATransportThatUsesTheOffset() throws {
    let block = "ramblock add r host=0x100000 max=1M fd=7 fd-offset=0x40000000\n"
    #expect(
      try Self.hazards(
        block + "open d driver=virtio-blk-vhost-user\nregister d host=0x100000 size=1M\n")
        == [.fileOffsetIgnored])
    // vhost-vdpa ignores fd and fd_offset: the kernel finds the pages from
    // the address itself.
    #expect(
      try Self.hazards(
        block + "open d driver=virtio-blk-vhost-vdpa\nregister d host=0x100000 size=1M\n")
        == [])
  }

  @Test func overlapsMatterOnlyWhereTheyReachABackendAndOnlyWithBytes() throws {
    let block = "ramblock add r host=0x100000 max=1M fd=7\n"
    let registers = "register d host=0x100000 size=1M\nregister d host=0x101000 size=4K\n"
    #expect(
      try Self.hazards(block + "open d driver=virtio-blk-vhost-user\n" + registers)
        == [.overlappingRegions])
    #expect(try Self.hazards(block + "open d driver=virtio-blk-vhost-vdpa\n" + registers) == [])
    #expect(try Self.hazards(block + "open d driver=io_uring\n" + registers) == [])
    // An empty region holds no byte: it overlaps nothing.
    #expect(
      try Self.hazards(
        block + "open d driver=virtio-blk-vhost-user\nregister d host=0x100000 size=1M\n"
          + "register d host=0x101000 size=0\n") == [])
  }

  /// A RAMBlock placed where the fake would allocate moves the allocation;
  /// one added over memory libblkio holds, or on its fd, is refused.
  @Test func theBouncePoolAndRAMBlocksNeverShareMemoryOrFDs() throws {
    let before = """
      blkio-trace 1
      ramblock add r host=0x7ffe00000000 max=4M fd=1000
      open v driver=virtio-blk-vhost-vdpa
      > discard-disable ret=0
      > ok
      backend add b root=v
      write w blk=b host=0x1000 size=4K
      > alloc addr=0x7ffe00400000 len=0x21000 fd=1001 ret=0
      > map addr=0x7ffe00400000 len=0x21000 fd=1001 fd-offset=0x0 ret=0
      > submit w node=v addr=0x7ffe00400000 len=0x1000 via=bounce

      """
    #expect(TraceTestSupport.passed(TraceTestSupport.check(before)))
    for late in [
      "ramblock add s host=0x7ffe00420000 max=4K", "ramblock add s host=0x10000 max=4K fd=1001",
    ] {
      let outcome = TraceTestSupport.check(before + late + "\n")
      guard case .failed(.invalid(let error)) = outcome else {
        Issue.record("\(late): \(outcome)")
        continue
      }
      #expect(error.line == 11 && error.message.contains("libblkio"), "\(error)")
    }
  }

  @Test func injectionsTheTransportCannotHaveAreErrorsOfTheTrace() {
    for line in [
      "open d driver=io_uring fail-map=1", "open d driver=nvme-io_uring fail-map-errno=EFAULT",
      "open d driver=virtio-blk-vhost-user memlock=4096", "open d driver=io_uring memlock=1",
      "open d driver=virtio-blk-vhost-vdpa fail-map=0",
      "open d driver=virtio-blk-vhost-vdpa fail-map-errno=EWHATEVER",
    ] {
      let outcome = TraceCheck.run(source: MemorySource("blkio-trace 1\n" + line + "\n"))
      guard case .failed(.invalid(let error)) = outcome else {
        Issue.record("\(line): \(outcome)")
        continue
      }
      #expect(error.line == 2, "\(line)")
    }
  }
}

import Testing

@testable import RegionModel

@Suite struct FakeBlkioTests {
  func started(_ driver: BlkioDriverName, _ overrides: [BlkioPropertyOverride] = []) throws
    -> FakeBlkio
  {
    var blkio = FakeBlkio(properties: BlkioProperties.defaults(for: driver).applying(overrides))
    try blkio.start()
    return blkio
  }

  @Test func mapChecksInTheContractsOrder() throws {
    let region = MemRegion(addr: 0x1001, len: 0x1001, fd: -1, fdOffset: 0)
    var stopped = FakeBlkio(properties: .defaults(for: .virtioBlkVfioPci))
    // Not started wins over the alignment failures.
    #expect(throws: BlkioFailure(errno: .EBUSY, message: "Device must be started")) {
      try stopped.map(region)
    }
    var blkio = try started(.virtioBlkVfioPci)
    // addr is checked before len.
    #expect(
      throws: BlkioFailure(
        errno: .EINVAL, message: "addr 0x1001 violates mem-region-alignment 4096")
    ) { try blkio.map(region) }
    #expect(
      throws: BlkioFailure(errno: .EINVAL, message: "len 0x1001 violates mem-region-alignment 4096")
    ) { try blkio.map(MemRegion(addr: 0x1000, len: 0x1001, fd: -1, fdOffset: 0)) }
    let good = MemRegion(addr: 0x1000, len: 0x1000, fd: -1, fdOffset: 0)
    try blkio.map(good)
    #expect(throws: BlkioFailure(errno: .EINVAL, message: "memory region already mapped")) {
      try blkio.map(good)
    }
  }

  @Test func maxMemRegionsCountsMappedRegions() throws {
    var blkio = try started(.virtioBlkVhostUser, [.maxMemRegions(2)])
    try blkio.map(MemRegion(addr: 1, len: 1, fd: 3, fdOffset: 0))
    try blkio.map(MemRegion(addr: 2, len: 1, fd: 3, fdOffset: 0))
    let third = MemRegion(addr: 3, len: 1, fd: 3, fdOffset: 0)
    #expect(
      throws: BlkioFailure(errno: .ENOSPC, message: "too many memory regions (max-mem-regions 2)")
    ) { try blkio.map(third) }
    // A duplicate is reported as a duplicate even when full: that check comes first.
    #expect(throws: BlkioFailure(errno: .EINVAL, message: "memory region already mapped")) {
      try blkio.map(MemRegion(addr: 1, len: 1, fd: 3, fdOffset: 0))
    }
    blkio.unmap(MemRegion(addr: 1, len: 1, fd: 3, fdOffset: 0))
    try blkio.map(third)
  }

  @Test func unmapMatchesEveryFieldOrDoesNothing() throws {
    var blkio = try started(.virtioBlkVhostUser)
    let region = MemRegion(addr: 0x1000, len: 0x1000, fd: 3, fdOffset: 0)
    try blkio.map(region)
    let nearMisses = [
      MemRegion(addr: 0x1000, len: 0x1000, fd: 3, fdOffset: 1),
      MemRegion(addr: 0x1000, len: 0x1000, fd: 4, fdOffset: 0),
      MemRegion(addr: 0x1000, len: 0x2000, fd: 3, fdOffset: 0),
      MemRegion(addr: 0x2000, len: 0x1000, fd: 3, fdOffset: 0),
    ]
    for nearMiss in nearMisses {
      let removed = blkio.unmap(nearMiss)
      #expect(!removed)
    }
    #expect(blkio.mappedRegions == [region])
    let removed = blkio.unmap(region)
    #expect(removed)
    #expect(blkio.mappedRegions.isEmpty)
    let removedAgain = blkio.unmap(region)
    #expect(!removedAgain)
  }

  @Test func allocationFollowsLibblkiosRules() throws {
    var memory = FakeMemory()
    var blkio = try started(.virtioBlkVhostVdpa)
    // len must be a multiple of mem-region-alignment; the message is decimal.
    #expect(
      throws: BlkioFailure(errno: .EINVAL, message: "len 131584 violates mem-region-alignment 4096")
    ) { try blkio.allocate(length: 131_584, from: &memory) }
    let first = try blkio.allocate(length: 0x21000, from: &memory)
    #expect(first == MemRegion(addr: 0x7FFE_0000_0000, len: 0x21000, fd: 1000, fdOffset: 0))
    // The next allocation is 2 MiB on (rounded up) with the next fd.
    let second = try blkio.allocate(length: 0x300000, from: &memory)
    #expect(second == MemRegion(addr: 0x7FFE_0020_0000, len: 0x300000, fd: 1001, fdOffset: 0))
    #expect(memory.nextAddress == 0x7FFE_0060_0000)
    // Freeing a mapped region, or one never allocated, is libblkio's abort.
    try blkio.map(first)
    let mappedFree = blkio.free(first)
    #expect(mappedFree == "blkio_free_mem_region() of a mapped region")
    blkio.unmap(first)
    let goodFree = blkio.free(first)
    #expect(goodFree == nil)
    let unknownFree = blkio.free(first)
    #expect(unknownFree == "blkio_free_mem_region() of a region this instance did not allocate")
    // An alignment the address does not meet: -EOVERFLOW, as libblkio.
    var odd = try started(.virtioBlkVfioPci, [.memRegionAlignment(3)])
    _ = try odd.allocate(length: 3, from: &memory)
    #expect(throws: BlkioFailure.self) { try odd.allocate(length: 3, from: &memory) }
  }

  @Test func overlappingRegionsAreAccepted() throws {
    var blkio = try started(.virtioBlkVhostUser)
    try blkio.map(MemRegion(addr: 0x1000, len: 0x2000, fd: 3, fdOffset: 0))
    try blkio.map(MemRegion(addr: 0x1800, len: 0x2000, fd: 3, fdOffset: 0x800))
    #expect(blkio.mappedRegions.count == 2)
  }

  @Test func startFailureIsInjected() {
    var blkio = FakeBlkio(
      properties: BlkioProperties.defaults(for: .ioUring).applying([.start(fails: true)]))
    #expect(throws: BlkioFailure(errno: .EIO, message: "injected start failure")) {
      try blkio.start()
    }
    #expect(!blkio.isStarted)
  }

  @Test func profilesMatchTheContract() {
    let vhostUser = BlkioProperties.defaults(for: .virtioBlkVhostUser)
    #expect(vhostUser.needsMemRegions && vhostUser.needsMemRegionFD)
    #expect(vhostUser.memRegionAlignment == 1 && vhostUser.maxMemRegions == 509)
    #expect(vhostUser.memRegionsPinned == nil && vhostUser.mayPinMemRegions == true)
    let vfio = BlkioProperties.defaults(for: .virtioBlkVfioPci)
    #expect(vfio.needsMemRegions && !vfio.needsMemRegionFD && vfio.memRegionAlignment == 4096)
    #expect(vfio.maxMemRegions == 65535)
    let nvme = BlkioProperties.defaults(for: .nvmeIoUring)
    #expect(!nvme.needsMemRegions && nvme.memRegionAlignment == 512 && nvme.maxMemRegions == .max)
    #expect(BlkioProperties.defaults(for: .virtioBlkVhostVdpa).memRegionAlignment == 4096)
    #expect(BlkioProperties.defaults(for: .ioUring).mayPinMemRegions == false)
  }
}

@Suite struct DiscardManagerTests {
  @Test func eachSideRefusesWhileTheOtherIsHeld() {
    var discard = DiscardManager()
    #expect(discard.disable(true) == .success)
    #expect(discard.coordinatedRequire(true) == .failure(.EBUSY))
    #expect(discard.disable(true) == .success)
    #expect(discard.disabledCount == 2)
    _ = discard.disable(false)
    _ = discard.disable(false)
    #expect(discard.coordinatedRequire(true) == .success)
    #expect(discard.disable(true) == .failure(.EBUSY))
    #expect(discard.disabledCount == 0)
  }

  @Test func decrementIsUnchecked() {
    var discard = DiscardManager()
    _ = discard.disable(false)
    #expect(discard.disabledCount == -1)
    // -1 is non-zero, so QEMU's check refuses the other side.
    #expect(discard.coordinatedRequire(true) == .failure(.EBUSY))
  }
}

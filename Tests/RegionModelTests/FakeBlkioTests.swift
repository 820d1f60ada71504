import RegionModel
import Testing

@Suite struct FakeBlkioTests {
  func started(_ driver: BlkioDriverName, _ overrides: [BlkioPropertyOverride] = []) throws
    -> FakeBlkio
  {
    var blkio = FakeBlkio(properties: BlkioProperties.defaults(for: driver).applying(overrides))
    var memory = FakeMemory()
    try blkio.start(memory: &memory, ram: RAMMap())
    return blkio
  }

  @Test func mapChecksInLibblkiosOrder() throws {
    let region = MemRegion(addr: 0x1001, len: 0x1001, fd: -1, fdOffset: 0)
    var stopped = FakeBlkio(properties: .defaults(for: .virtioBlkVfioPci))
    // Blkio::map_mem_region() checks the alignments before the driver's
    // "must be started".
    #expect(
      throws: BlkioFailure(
        errno: .EINVAL, message: "addr 0x1001 violates mem-region-alignment 4096")
    ) { try stopped.map(region) }
    #expect(throws: BlkioFailure(errno: .EBUSY, message: "Device must be started")) {
      try stopped.map(MemRegion(addr: 0x1000, len: 0x1000, fd: -1, fdOffset: 0))
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

  @Test func ioUringKeepsOnlyTheRecordAndAcceptsOverlaps() throws {
    var blkio = try started(.ioUring)
    try blkio.map(MemRegion(addr: 0x1000, len: 0x2000, fd: -1, fdOffset: 0))
    try blkio.map(MemRegion(addr: 0x1800, len: 0x2000, fd: -1, fdOffset: 0))
    #expect(blkio.mappedRegions.count == 2 && blkio.deviceMappings == 0)
    #expect(throws: BlkioFailure(errno: .EINVAL, message: "memory region already mapped")) {
      try blkio.map(MemRegion(addr: 0x1000, len: 0x2000, fd: -1, fdOffset: 0))
    }
  }

  @Test(arguments: [BlkioDriverName.virtioBlkVhostVdpa, .virtioBlkVfioPci])
  func theIOVASpaceRefusesIntersectingRegions(driver: BlkioDriverName) throws {
    var blkio = try started(driver)
    let fd: Int32 = driver == .virtioBlkVhostVdpa ? 7 : -1
    try blkio.map(MemRegion(addr: 0x10000, len: 0x4000, fd: fd, fdOffset: 0))
    try blkio.map(MemRegion(addr: 0x20000, len: 0x1000, fd: fd, fdOffset: 0))
    // The message names the existing mapping found: the last one, by
    // address, that starts below the new region's end.
    for (addr, len, base) in [
      (0x13000, 0x1000, "0x10000"), (0xF000, 0x2000, "0x10000"), (0xF000, 0x12000, "0x20000"),
    ] as [(UInt64, UInt64, String)] {
      #expect(
        throws: BlkioFailure(errno: .EIO, message: "Address \(base) is already mapped")
      ) { try blkio.map(MemRegion(addr: addr, len: len, fd: fd, fdOffset: 0)) }
    }
    // Touching is not intersecting.
    try blkio.map(MemRegion(addr: 0x14000, len: 0x1000, fd: fd, fdOffset: 0))
    // The ring memory is mapped too.
    let ring = try #require(blkio.ringMemory)
    #expect(
      throws: BlkioFailure(
        errno: .EIO, message: "Address \(CFormat.hex(ring.addr)) is already mapped")
    ) { try blkio.map(MemRegion(addr: ring.addr, len: 0x1000, fd: fd, fdOffset: 0)) }
    #expect(blkio.deviceMappings == 4)
    // Unmapping frees the IOVA mapping: the range can be mapped again.
    blkio.unmap(MemRegion(addr: 0x10000, len: 0x4000, fd: fd, fdOffset: 0))
    try blkio.map(MemRegion(addr: 0x12000, len: 0x2000, fd: fd, fdOffset: 0))
    #expect(blkio.deviceMappings == 4)
  }

  /// libblkio's `usize` sums wrap: a mapping that ends exactly at 2^64
  /// ends at 0 for its IOVA space, so nothing is found to intersect it,
  /// and unmapping it frees nothing there.
  @Test func aMappingThatEndsAtTheTopOfTheAddressSpaceIntersectsNothing() throws {
    var blkio = try started(.virtioBlkVhostVdpa)
    let top = MemRegion(addr: 0xFFFF_FFFF_FFFF_0000, len: 0x10000, fd: 7, fdOffset: 0)
    try blkio.map(top)
    try blkio.map(MemRegion(addr: 0xFFFF_FFFF_FFFF_F000, len: 0x1000, fd: 7, fdOffset: 0xF000))
    try blkio.map(MemRegion(addr: 0xFFFF_FFFF_FFFE_F000, len: 0x2000, fd: 7, fdOffset: 0))
    #expect(blkio.iovaSpace?.count == 4)
    blkio.unmap(top)
    #expect(blkio.iovaSpace?.count == 4 && blkio.deviceMappings == 3)
  }

  @Test func theKernelRefusesAnEmptyRegion() throws {
    var vdpa = try started(.virtioBlkVhostVdpa)
    let empty = MemRegion(addr: 0x10000, len: 0, fd: 7, fdOffset: 0)
    #expect(throws: BlkioFailure(errno: .EINVAL, message: "Invalid argument (os error 22)")) {
      try vdpa.map(empty)
    }
    var vfio = try started(.virtioBlkVfioPci)
    #expect(
      throws: BlkioFailure(
        errno: .EIO,
        message: "Failed to set up IOMMU mapping process memory [0x10000, 0x10000) to device "
          + "memory [0x1000, 0x1000): Invalid argument (os error 22)")
    ) { try vfio.map(MemRegion(addr: 0x10000, len: 0, fd: -1, fdOffset: 0)) }
    #expect(vdpa.mapped.isEmpty && vfio.mapped.isEmpty)
  }

  @Test func vfiosDMAEntryLimitCountsTheRingMemory() throws {
    var blkio = try started(.virtioBlkVfioPci, [.maxMemRegions(3)])
    // The ring took IOVAs [0x1000, 0x6000): the regions come after it.
    try blkio.map(MemRegion(addr: 0x10000, len: 0x1000, fd: -1, fdOffset: 0))
    try blkio.map(MemRegion(addr: 0x20000, len: 0x2000, fd: -1, fdOffset: 0))
    let failure = BlkioFailure(
      errno: .EIO,
      message: "Failed to set up IOMMU mapping process memory [0x30000, 0x31000) to device "
        + "memory [0x9000, 0xa000): No space left on device (os error 28)",
      reachedLimit: true)
    #expect(throws: failure) {
      try blkio.map(MemRegion(addr: 0x30000, len: 0x1000, fd: -1, fdOffset: 0))
    }
    blkio.unmap(MemRegion(addr: 0x10000, len: 0x1000, fd: -1, fdOffset: 0))
    try blkio.map(MemRegion(addr: 0x30000, len: 0x1000, fd: -1, fdOffset: 0))
  }

  @Test func vhostUsersBackendAcknowledgesARegionItHasNoSlotFor() throws {
    var blkio = try started(.virtioBlkVhostUser, [.maxMemRegions(3)])
    #expect(blkio.deviceMappings == 1)
    #expect(try blkio.map(MemRegion(addr: 1, len: 1, fd: 3, fdOffset: 0)) == nil)
    #expect(try blkio.map(MemRegion(addr: 2, len: 1, fd: 3, fdOffset: 0)) == nil)
    let third = MemRegion(addr: 3, len: 1, fd: 3, fdOffset: 0)
    #expect(try blkio.map(third) != nil)
    #expect(blkio.backendBroken && blkio.mapped.contains(third))
    // A duplicate is still refused first.
    #expect(throws: BlkioFailure(errno: .EINVAL, message: "memory region already mapped")) {
      try blkio.map(MemRegion(addr: 1, len: 1, fd: 3, fdOffset: 0))
    }
    blkio.unmap(third)
    blkio.unmap(MemRegion(addr: 1, len: 1, fd: 3, fdOffset: 0))
    #expect(try blkio.map(third) == nil)
  }

  @Test func injectedFailuresFollowEachTransport() throws {
    let region = MemRegion(addr: 0x10000, len: 0x1000, fd: 7, fdOffset: 0)
    var vdpa = try started(.virtioBlkVhostVdpa, [.failMap(1)])
    #expect(throws: BlkioFailure(errno: .EFAULT, message: "Bad address (os error 14)")) {
      try vdpa.map(region)
    }
    // Only the first map fails, and the failed one left no IOVA behind.
    try vdpa.map(region)
    var vfio = try started(.virtioBlkVfioPci, [.failMap(2), .failMapErrno(.ENOMEM)])
    try vfio.map(MemRegion(addr: 0x10000, len: 0x1000, fd: -1, fdOffset: 0))
    #expect(
      throws: BlkioFailure(
        errno: .EIO,
        message: "Failed to set up IOMMU mapping process memory [0x20000, 0x21000) to device "
          + "memory [0x7000, 0x8000): Cannot allocate memory (os error 12)")
    ) { try vfio.map(MemRegion(addr: 0x20000, len: 0x1000, fd: -1, fdOffset: 0)) }
    var user = try started(.virtioBlkVhostUser, [.failMap(1)])
    #expect(throws: BlkioFailure(errno: .EIO, message: "reply contains an error")) {
      try user.map(region)
    }
    // memlock counts the ring memory (0x5000) and every region pinned.
    var locked = try started(.virtioBlkVhostVdpa, [.memlock(0x7000)])
    try locked.map(MemRegion(addr: 0x10000, len: 0x2000, fd: 7, fdOffset: 0))
    #expect(throws: BlkioFailure(errno: .ENOMEM, message: "Cannot allocate memory (os error 12)")) {
      try locked.map(MemRegion(addr: 0x20000, len: 0x1000, fd: 7, fdOffset: 0))
    }
    var tooSmall = FakeBlkio(
      properties: BlkioProperties.defaults(for: .virtioBlkVhostVdpa).applying([.memlock(0x4000)]))
    var memory = FakeMemory()
    #expect(throws: BlkioFailure(errno: .ENOMEM, message: "Cannot allocate memory (os error 12)")) {
      try tooSmall.start(memory: &memory, ram: RAMMap())
    }
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
    let ram = RAMMap()
    var blkio = try started(.virtioBlkVhostVdpa)
    // len must be a multiple of mem-region-alignment; the message is decimal.
    #expect(
      throws: BlkioFailure(errno: .EINVAL, message: "len 131584 violates mem-region-alignment 4096")
    ) { try blkio.allocate(length: 131_584, from: &memory, avoiding: ram) }
    let first = try blkio.allocate(length: 0x21000, from: &memory, avoiding: ram)
    #expect(first == MemRegion(addr: 0x7FFE_0000_0000, len: 0x21000, fd: 1000, fdOffset: 0))
    // The next allocation is 2 MiB on (rounded up) with the next fd.
    let second = try blkio.allocate(length: 0x300000, from: &memory, avoiding: ram)
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
    // An alignment the address does not meet: -EOVERFLOW, as libblkio,
    // which unmaps the memory and closes the memfd again, so that the next
    // allocation gets the same address and fd.
    var odd = try started(.virtioBlkVfioPci, [.memRegionAlignment(3)])
    _ = try odd.allocate(length: 3, from: &memory, avoiding: ram)
    for _ in 0..<2 {
      #expect(
        throws: BlkioFailure(
          errno: .EOVERFLOW,
          message: "Address \(0x7FFE_0080_0000 as UInt64) violates mem-region-alignment 3")
      ) { try odd.allocate(length: 3, from: &memory, avoiding: ram) }
      #expect(memory.nextAddress == 0x7FFE_0080_0000 && memory.nextFD == 1003)
    }
  }

  /// mmap(NULL, ...) and memfd_create() never hand out what is in use: the
  /// fake's allocations skip every RAMBlock's range and fd.
  @Test func allocationsStayClearOfTheRAMMap() throws {
    var memory = FakeMemory()
    var ram = RAMMap()
    try ram.add(name: "a", host: 0x7FFE_0000_0000, maxLength: 0x30_0000, fd: 1000)
    try ram.add(name: "b", host: 0x7FFE_0040_0000, maxLength: 0x1000, fd: 1001)
    var blkio = try started(.virtioBlkVhostVdpa)
    let region = try blkio.allocate(length: 0x21000, from: &memory, avoiding: ram)
    #expect(region == MemRegion(addr: 0x7FFE_0060_0000, len: 0x21000, fd: 1002, fdOffset: 0))
    #expect(memory.liveMemory(overlapping: 0x7FFE_0060_1000, length: 1) == region)
    #expect(memory.liveMemory(overlapping: 0x7FFE_0000_0000, length: 0x60_0000) == nil)
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
    var memory = FakeMemory()
    #expect(throws: BlkioFailure(errno: .EIO, message: "injected start failure")) {
      try blkio.start(memory: &memory, ram: RAMMap())
    }
    #expect(!blkio.isStarted)
  }

  /// io_uring's mem-region-alignment is its request alignment: 1 without
  /// O_DIRECT, the logical block size with it; nvme-io_uring's is the LBA
  /// size; an explicit mem-region-alignment wins.
  @Test func ioUringsAlignmentFollowsDirect() {
    func alignment(_ driver: BlkioDriverName, _ overrides: [BlkioPropertyOverride]) -> UInt64 {
      BlkioProperties.defaults(for: driver).applying(overrides).memRegionAlignment
    }
    #expect(alignment(.ioUring, []) == 1)
    #expect(alignment(.ioUring, [.direct(true)]) == 512)
    #expect(alignment(.ioUring, [.direct(true), .logicalBlockSize(4096)]) == 4096)
    #expect(alignment(.ioUring, [.logicalBlockSize(4096)]) == 1)
    #expect(alignment(.ioUring, [.memRegionAlignment(8), .direct(true)]) == 8)
    #expect(alignment(.nvmeIoUring, []) == 512)
    #expect(alignment(.nvmeIoUring, [.logicalBlockSize(4096)]) == 4096)
  }

  @Test func profilesMatchTheContract() {
    let vhostUser = BlkioProperties.defaults(for: .virtioBlkVhostUser)
    #expect(vhostUser.needsMemRegions && vhostUser.needsMemRegionFD)
    #expect(vhostUser.memRegionAlignment == 1 && vhostUser.maxMemRegions == 509)
    // libvhost-user had 32 slots until QEMU 9.0.
    let oldVhostUser = BlkioProperties.defaults(for: .virtioBlkVhostUser, variant: .qemu72)
    #expect(oldVhostUser.maxMemRegions == 32)
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

  @Test func decrementIsUncheckedAndWraps() {
    var discard = DiscardManager()
    _ = discard.disable(false)
    // unsigned int, as in QEMU: one enable too many is UINT_MAX, and discard
    // stays disabled for good.
    #expect(discard.disabledCount == UInt32.max && discard.underflows == 1)
    #expect(discard.coordinatedRequire(true) == .failure(.EBUSY))
    #expect(discard.isDisabled)
  }

  /// The four counters of system/physmem.c and who stands in whose way:
  /// each disable against each require, and the balloon's view.
  @Test func uncoordinatedAndCoordinatedHoldersCoexist() {
    var discard = DiscardManager()
    // VFIO's uncoordinated disable and virtio-mem's coordinated require
    // do not conflict.
    #expect(discard.uncoordinatedDisable(true) == .success)
    #expect(discard.coordinatedRequire(true) == .success)
    #expect(discard.isDisabled && discard.isRequired)
    // blkio's full disable fails while any require is held, coordinated
    // or not.
    #expect(discard.disable(true) == .failure(.EBUSY))
    _ = discard.coordinatedRequire(false)
    #expect(discard.require(true) == .failure(.EBUSY))
    #expect(discard.disable(true) == .success)
    _ = discard.uncoordinatedDisable(false)
    #expect(discard.require(true) == .failure(.EBUSY))
    #expect(discard.uncoordinatedDisable(true) == .success)
    _ = discard.disable(false)
    _ = discard.uncoordinatedDisable(false)
    #expect(!discard.isDisabled)
    #expect(discard.require(true) == .success)
    #expect(discard.uncoordinatedDisable(true) == .failure(.EBUSY))
    #expect(discard.disable(true) == .failure(.EBUSY))
    #expect(discard.underflows == 0)
  }
}

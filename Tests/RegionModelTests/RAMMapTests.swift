import RegionModel
import Testing

@Suite struct RAMMapTests {
  @Test func refusesWhatTheTraceFormatForbids() throws {
    var ram = RAMMap()
    try ram.add(name: "a", host: 0x1000, maxLength: 0x1000)
    #expect(throws: RAMMapError.nameInUse("a")) {
      try ram.add(name: "a", host: 0x9000, maxLength: 1)
    }
    #expect(throws: RAMMapError.zeroMaxLength("z")) {
      try ram.add(name: "z", host: 0x9000, maxLength: 0)
    }
    #expect(throws: RAMMapError.usedBeyondMax(name: "u", used: 2, max: 1)) {
      try ram.add(name: "u", host: 0x9000, maxLength: 1, usedLength: 2)
    }
    // Overlap from below, from above, and containing.
    #expect(throws: RAMMapError.overlap(name: "b", other: "a")) {
      try ram.add(name: "b", host: 0x800, maxLength: 0x801)
    }
    #expect(throws: RAMMapError.overlap(name: "b", other: "a")) {
      try ram.add(name: "b", host: 0x1FFF, maxLength: 1)
    }
    #expect(throws: RAMMapError.overlap(name: "b", other: "a")) {
      try ram.add(name: "b", host: 0, maxLength: 0x10000)
    }
    // Touching on either side is fine.
    try ram.add(name: "below", host: 0x800, maxLength: 0x800)
    try ram.add(name: "above", host: 0x2000, maxLength: 0x1000)
    #expect(ram.count == 3)
  }

  @Test func aBlockMayEndExactlyAtTheTopOfTheAddressSpace() throws {
    var ram = RAMMap()
    // host + max = 2^64 exactly: allowed; one byte more is "past 2^64".
    try ram.add(name: "top", host: UInt64.max - 0xFFF, maxLength: 0x1000)
    #expect(throws: RAMMapError.endBeyondAddressSpace(name: "over", host: UInt64.max, max: 2)) {
      try ram.add(name: "over", host: UInt64.max, maxLength: 2)
    }
    #expect(ram.block(containingHost: UInt64.max)?.block.name == "top")
    #expect(ram.block(containingHost: UInt64.max)?.offset == 0xFFF)
  }

  @Test func lookupUsesUnsignedDistance() throws {
    var ram = RAMMap()
    try ram.add(name: "low", host: 0x1, maxLength: 0x1000)
    try ram.add(name: "b", host: 0x10000, maxLength: 0x1000)
    #expect(ram.block(containingHost: 0) == nil)
    #expect(ram.block(containingHost: 1)?.block.name == "low")
    #expect(ram.block(containingHost: 0x1000)?.offset == 0xFFF)
    #expect(ram.block(containingHost: 0x1001) == nil)
    #expect(ram.block(containingHost: 0x10000)?.offset == 0)
    #expect(ram.block(containingHost: 0x10FFF)?.offset == 0xFFF)
    #expect(ram.block(containingHost: 0x11000) == nil)
    #expect(ram.block(containingHost: 0xFFFF) == nil)
  }

  /// `qemu_ram_block_from_host()` skips a block whose host is NULL: such a
  /// block is never found, whatever address is asked for.
  @Test func aBlockWhoseHostIsZeroIsNeverFound() throws {
    var ram = RAMMap()
    try ram.add(name: "null", host: 0, maxLength: 0x10000)
    try ram.add(name: "b", host: 0x10000, maxLength: 0x1000)
    for probe: UInt64 in [0, 1, 0x1000, 0xFFFF] {
      #expect(ram.block(containingHost: probe) == nil)
      #expect(ram.blockByListWalk(containingHost: probe) == nil)
    }
    #expect(ram.block(containingHost: 0x10000)?.block.name == "b")
  }

  @Test func listOrderIsLargestFirstThenOrderOfAddition() throws {
    var ram = RAMMap()
    try ram.add(name: "small", host: 0x1000, maxLength: 0x1000)
    try ram.add(name: "big", host: 0x100000, maxLength: 0x100000)
    try ram.add(name: "small2", host: 0x3000, maxLength: 0x1000)
    #expect(ram.listOrder.map(\.name) == ["big", "small", "small2"])
  }

  @Test func removeAndResize() throws {
    var ram = RAMMap()
    try ram.add(name: "a", host: 0x1000, maxLength: 0x1000, usedLength: 0x800)
    try ram.resize(named: "a", usedLength: 0x1000)
    #expect(ram.block(named: "a")?.usedLength == 0x1000)
    #expect(throws: RAMMapError.usedBeyondMax(name: "a", used: 0x1001, max: 0x1000)) {
      try ram.resize(named: "a", usedLength: 0x1001)
    }
    #expect(throws: RAMMapError.unknownBlock("x")) { try ram.resize(named: "x", usedLength: 1) }
    try ram.remove(named: "a")
    #expect(ram.block(containingHost: 0x1000) == nil)
    #expect(throws: RAMMapError.unknownBlock("a")) { try ram.remove(named: "a") }
    // The name and the range are free again.
    try ram.add(name: "a", host: 0x1000, maxLength: 0x1000)
  }

  @Test(arguments: 0..<40 as Range<UInt64>)
  func binarySearchAgreesWithQEMUsListWalk(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var ram = RAMMap()
    for index in 0..<random.int(in: 0...30) {
      let host = random.chance(1, in: 10) ? 0 : random.bounded(1 << 20) << 12
      let max = (random.bounded(64) + 1) << random.bounded(14)
      _ = try? ram.add(name: "b\(index)", host: host, maxLength: max)
    }
    var probes: [UInt64] = [0, 1, UInt64.max]
    for block in ram.blocksByHost {
      probes += [
        block.host, block.host &- 1, block.host &+ block.maxLength &- 1,
        block.host &+ block.maxLength,
      ]
    }
    for _ in 0..<200 { probes.append(random.next() >> random.bounded(64)) }
    for probe in probes {
      #expect(
        ram.block(containingHost: probe) == ram.blockByListWalk(containingHost: probe),
        "seed \(seed), probe \(CFormat.hex(probe))")
    }
  }
}

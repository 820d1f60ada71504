import Testing

@testable import RegionModel

/// Guards against the copies and rescans that made replay quadratic,
/// with counters rather than clocks.
@Suite struct LinearityTests {
  /// Registering many distinct buffers on one node edits its region index
  /// in place, on every transport: no map copies the node's mapped regions
  /// or the IOVA space of vhost-vdpa and VFIO.
  @Test(arguments: BlkioDriverName.allCases)
  func registeringManyBuffersNeverCopiesTheNodesRegions(driver: BlkioDriverName) throws {
    var simulation = Simulation(variant: .seed, watchesHazards: false)
    var log = CallLog()
    _ = try simulation.apply(
      .ramblockAdd(
        name: "ram", host: 0x1_0000_0000, max: 0x1_0000_0000, used: nil, fd: 3, fileOffset: 0))
    var names = simulation.names
    let node = names.nodes.intern("d")
    simulation.names = names
    _ = try simulation.apply(
      .open(node: node, driver: driver, overrides: [.maxMemRegions(1 << 20)]), log: &log)
    let count: UInt64 = 20_000
    for index in 0..<count {
      log.removeAll()
      let result = try simulation.apply(
        .register(node: node, host: 0x1_0000_0000 + index << 12, size: 0x1000), log: &log)
      #expect(result == .ok)
    }
    let blkio = try #require(simulation.blkioNode(named: "d")?.blkio)
    #expect(blkio.mapped.count == Int(count))
    #expect(blkio.mapped.copiesOnWrite == 0)
    #expect(blkio.iovaSpace?.copiesOnWrite ?? 0 == 0)
  }

  /// A chain of graph edits keeps every visit count right without
  /// recomputing the graph.
  @Test func graphEditsKeepVisitCounts() throws {
    var simulation = Simulation()
    var random = SplitMix64(seed: 3)
    let nodes = (0..<12).map { "f\($0)" }
    for node in nodes {
      _ = try simulation.apply(.nodeAdd(node: node, format: FormatNode(format: "raw")))
    }
    for _ in 0..<400 {
      let parent = random.pick(nodes) ?? "f0"
      let child = random.pick(nodes) ?? "f1"
      let input: TraceInput =
        random.chance(1, in: 2)
        ? .childAdd(parent: parent, child: child) : .childRemove(parent: parent, child: child)
      _ = try? simulation.apply(input)
      simulation.graph.checkInvariants()
    }
  }
}

import Testing

@testable import RegionModel

/// Guards against the copies and rescans that made replay quadratic,
/// with counters rather than clocks.
@Suite struct LinearityTests {
  /// Registering many distinct buffers on one node edits its region index
  /// in place: no map copies the node's mapped regions.
  @Test func registeringManyBuffersNeverCopiesTheNodesRegions() throws {
    var simulation = Simulation(variant: .seed, watchesHazards: false)
    var log = CallLog()
    var names = Names()
    let node = names.nodes.intern("d")
    simulation.names = names
    _ = try simulation.apply(.open(node: node, driver: .ioUring, overrides: []), log: &log)
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

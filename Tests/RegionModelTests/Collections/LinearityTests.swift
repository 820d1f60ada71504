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

  /// Joining a new parent to a new child walks the same few nodes however
  /// large the graph already is, and edits the child and parent lists in
  /// place: a copy of the lists per `child add` made a large graph
  /// quadratic.
  @Test func childAddWorkDoesNotGrowWithTheGraph() throws {
    func work(pairs: Int) throws -> (walked: Int, copies: Int) {
      var simulation = Simulation(variant: .seed, watchesHazards: false)
      let raw = FormatNode(format: "raw")
      for index in 0..<pairs {
        _ = try simulation.apply(.nodeAdd(node: "p\(index)", format: raw))
        _ = try simulation.apply(.nodeAdd(node: "c\(index)", format: raw))
        _ = try simulation.apply(.childAdd(parent: "p\(index)", child: "c\(index)"))
        // A second parent for every eighth child: its lists spill.
        if index % 8 == 7 {
          _ = try simulation.apply(.childAdd(parent: "p\(index - 1)", child: "c\(index)"))
        }
      }
      simulation.graph.checkInvariants()
      return (simulation.graph.walkedNodes, simulation.graph.copiesOnWrite)
    }
    let small = try work(pairs: 1_000)
    let large = try work(pairs: 8_000)
    #expect(small.copies == 0)
    #expect(large.copies == 0)
    #expect(large.walked == 8 * small.walked)
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

import RegionModel
import Testing

/// `node replace FROM TO` as `bdrv_replace_node()` does it: every parent
/// edge of FROM, format nodes' and backends', moves to TO and to the head of
/// its parent's list, except where TO reaches the parent (a loop).
@Suite struct NodeReplaceTests {
  static func simulation(_ lines: [String]) throws -> Simulation {
    var simulation = Simulation()
    for line in lines { _ = try simulation.apply(try TraceTestSupport.input(line)) }
    return simulation
  }

  static let graph = [
    "open a driver=io_uring", "open b driver=io_uring",
    "node add top format=raw", "node add mid format=raw",
    "child add top a", "child add top mid", "child add mid a",
    "backend add blk root=a",
  ]

  @Test func everyParentMovesToTheReplacementAtTheHeadOfItsList() throws {
    let simulation = try Self.simulation(Self.graph + ["node replace a b"])
    let lists = Dictionary(
      uniqueKeysWithValues: simulation.childLists.map { ($0.parent, $0.children) })
    #expect(lists["top"] == ["b", "mid"])
    #expect(lists["mid"] == ["b"])
    #expect(simulation.namedBackends.first?.root == "b")
  }

  @Test func aParentTheReplacementReachesKeepsItsChild() throws {
    // A filter put above its child, as bdrv_append() does: the filter's
    // own edge to the replaced node would close a loop and stays.
    let simulation = try Self.simulation(
      Self.graph + [
        "node add filter format=mirror_top", "child add filter a", "node replace a filter",
      ])
    let lists = Dictionary(
      uniqueKeysWithValues: simulation.childLists.map { ($0.parent, $0.children) })
    #expect(lists["filter"] == ["a"])
    #expect(lists["top"] == ["filter", "mid"])
    #expect(simulation.namedBackends.first?.root == "filter")
  }

  @Test func refusalsChangeNothing() throws {
    var simulation = try Self.simulation(Self.graph + ["child add top b"])
    let before = simulation.childLists.map { "\($0.parent): \($0.children)" }
    #expect(throws: SimulationError.childExists(parent: "top", child: "b")) {
      try simulation.apply(try TraceTestSupport.input("node replace a b"))
    }
    #expect(throws: SimulationError.replaceBySelf("a")) {
      try simulation.apply(try TraceTestSupport.input("node replace a a"))
    }
    #expect(throws: SimulationError.unknownNode("ghost")) {
      try simulation.apply(try TraceTestSupport.input("node replace a ghost"))
    }
    #expect(simulation.childLists.map { "\($0.parent): \($0.children)" } == before)
    #expect(simulation.namedBackends.first?.root == "a")
  }

  @Test func theRecordParsesAndPrintsBack() throws {
    #expect(
      try TraceTestSupport.input("node replace src dst") == .nodeReplace(from: "src", to: "dst"))
    #expect(
      CanonicalForm.line(TraceInput.nodeReplace(from: "src", to: "dst")) == "node replace src dst")
    #expect(throws: TraceSyntaxError.self) { try TraceTestSupport.input("node replace src") }
    #expect(throws: TraceSyntaxError.self) { try TraceTestSupport.input("node replace a b c=1") }
  }
}

import RegionModel
import Testing

@Suite struct LayerPropertyTests {
  static func run(_ inputs: [TraceInput]) -> [StepOutput]? {
    var simulation = Simulation()
    var outputs: [StepOutput] = []
    for input in inputs {
      guard let output = try? simulation.apply(input) else { return nil }
      simulation.checkInvariants()
      outputs.append(output)
    }
    return outputs
  }

  static func expect(
    seed: UInt64, failures: Bool, sourceLocation: SourceLocation = #_sourceLocation,
    _ property: ([TraceInput]) -> String?
  ) {
    var random = SplitMix64(seed: seed)
    let inputs = ScenarioGenerator.virtualMachine(&random, steps: 50, failures: failures)
    guard let original = property(inputs) else { return }
    let shape = FailureShape.of(original)
    let shrunk = Shrinker.shrink(inputs) { property($0).map(FailureShape.of) == shape }
    #expect(
      Bool(false),
      "seed \(seed): \(property(shrunk) ?? "?")\nshrunk trace:\n\(PropertyCheck.trace(shrunk))",
      sourceLocation: sourceLocation)
  }

  /// With no failures, every region the registrar mapped is unmapped exactly
  /// once by the end of its life (the bounce pool aside).
  @Test(arguments: PropertyCheck.seeds)
  func everyRegisteredRegionIsUnmappedOnce(seed: UInt64) {
    Self.expect(seed: seed, failures: false) { inputs in
      guard let outputs = Self.run(inputs) else { return "the scenario was refused" }
      let calls = outputs.flatMap(\.calls)
      let pools = Set(calls.compactMap { if case .alloc(let r, .success) = $0 { r } else { nil } })
      if calls.contains(where: { if case .report = $0 { true } else { false } }) {
        return "a registration failed in a scenario without failures"
      }
      var balance: [MemRegion: Int] = [:]
      for call in calls {
        switch call {
        case .map(let region, .success) where !pools.contains(region):
          balance[region, default: 0] += 1
        case .unmap(let region) where !pools.contains(region): balance[region, default: 0] -= 1
        default: break
        }
      }
      let unbalanced = balance.filter { $0.value != 0 }
      // Judged only at the end of a registrar's life.
      guard inputs.last == .registrarDestroy(backend: "b"), !unbalanced.isEmpty else { return nil }
      return "maps minus unmaps by region: \(unbalanced)"
    }
  }

  /// While the registrar is ok and RAM is fd-backed (so nothing is
  /// skipped), a direct request reaches memory that is not mapped only on a
  /// node the registrar never registered the RAM on: the mirror target of
  /// U5, and never under `fixed`, which follows the graph.
  @Test(arguments: PropertyCheck.seeds)
  func noDirectIOToUnmappedMemoryWhileTheRegistrarIsOk(seed: UInt64) {
    Self.expect(seed: seed, failures: false) { inputs in
      guard let outputs = Self.run(inputs) else { return "the scenario was refused" }
      for (index, output) in outputs.enumerated()
      where output.hazards.contains(where: { $0.code == .ioUnmapped })
        && !output.hazards.contains(where: { $0.code == .unregisteredNode })
      {
        return "input \(index + 1): \(output.hazards)"
      }
      var simulation = Simulation(variant: .fixed)
      for (index, input) in inputs.enumerated() {
        // The scenario was made valid for seed: a zero write that seed
        // fails at once is still in flight under fixed, whose drain then
        // refuses the disk's removal. Judged up to there.
        guard let output = try? simulation.apply(input) else { break }
        simulation.checkInvariants()
        let codes = output.hazards.map(\.code)
        if codes.contains(.ioUnmapped) || codes.contains(.unregisteredNode) {
          return "fixed, input \(index + 1): \(output.hazards)"
        }
      }
      return nil
    }
  }

  /// With failures mixed in, the model still never refuses its own valid
  /// scenarios, record/check round-trips, and every call mutation is caught.
  @Test(arguments: PropertyCheck.seeds)
  func recordedLayerTracesRoundTripAndCatchMutations(seed: UInt64) {
    Self.expect(seed: seed, failures: true) { inputs in
      guard let lines = TracePropertyTests.recordedLines(inputs) else {
        return "record refused the scenario"
      }
      let recorded = TracePropertyTests.join(lines)
      guard TraceTestSupport.passed(TraceTestSupport.check(recorded)) else {
        return "check of the recording failed"
      }
      for (what, mutant) in TracePropertyTests.mutants(of: lines) {
        if TraceTestSupport.mismatch(TraceTestSupport.check(TracePropertyTests.join(mutant))) == nil
        {
          return "check did not report the \(what)"
        }
      }
      return nil
    }
  }
}

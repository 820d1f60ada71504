import Foundation
import Testing

@testable import RegionModel

@Suite struct ExploreTests {
  /// One exploration shared by the tests below (seed 1, the default 2000
  /// runs), per variant.
  static let seedFindings = Explorer.explore(ExploreOptions(seed: 1, runs: 2000))
  static let fixedFindings = Explorer.explore(ExploreOptions(seed: 1, runs: 2000, variant: .fixed))

  @Test(arguments: DriverVariant.allCases)
  func theGeneratorProducesOnlyValidTraces(variant: DriverVariant) {
    for seed in 0..<UInt64(40) {
      for inputs in PropertyCheck.scenarios(seed: seed, steps: 40, variant: variant) {
        #expect(ScenarioGenerator.isValid(inputs, variant: variant), "seed \(seed)")
        let (outcome, text) = TraceTestSupport.record(
          "# regionsim: variant=\(variant.rawValue)\n" + PropertyCheck.trace(inputs))
        #expect(outcome == .recorded(inputs: inputs.count), "seed \(seed)")
        #expect(TraceTestSupport.passed(TraceTestSupport.check(text)), "seed \(seed)")
      }
    }
  }

  @Test func exploreFindsEveryHazardTheExamplesShow() throws {
    var shown: Set<HazardCode> = []
    for name in ExamplesTests.files {
      let text = try String(
        contentsOf: ExamplesTests.folder.appendingPathComponent(name), encoding: .utf8)
      shown.formUnion(try HazardScan.run(source: MemorySource(text)).get().map(\.hazard.code))
    }
    let found = Set(Self.seedFindings.map(\.code))
    #expect(shown.subtracting(found).isEmpty, "not found: \(shown.subtracting(found))")
    #expect(shown.count >= 10)
  }

  @Test func shrunkTracesKeepTheirHazardAreValidAndLocallyMinimal() {
    for finding in Self.seedFindings {
      let shrunk = finding.shrunk
      #expect(shrunk.count <= finding.original.count)
      #expect(ScenarioGenerator.isValid(shrunk))
      #expect(Explorer.hazards(in: shrunk, variant: .seed).contains(finding.code))
      for index in shrunk.indices {
        var smaller = shrunk
        smaller.remove(at: index)
        let keeps =
          ScenarioGenerator.isValid(smaller)
          && Explorer.hazards(in: smaller, variant: .seed).contains(finding.code)
        #expect(!keeps, "\(finding.code): input \(index + 1) of the shrunk trace can go")
      }
    }
  }

  /// Scenarios long enough that the shrinker replays from states saved
  /// many inputs apart, and edits far from the start.
  @Test func longScenariosShrinkFromSavedStatesToLocallyMinimalOnes() {
    var shrunkAny = 0
    for seed in 0..<UInt64(6) {
      var random = SplitMix64(seed: seed)
      let inputs = ScenarioGenerator.virtualMachine(
        &random, steps: 300, failures: true, variant: .seed)
      for code in Explorer.hazards(in: inputs, variant: .seed).map(\.rawValue).sorted().prefix(2)
        .compactMap(HazardCode.init(rawValue:))
      {
        let shrunk = Shrinker.shrink(inputs, toShow: code)
        #expect(ScenarioGenerator.isValid(shrunk))
        #expect(Explorer.hazards(in: shrunk, variant: .seed).contains(code))
        for index in shrunk.indices {
          var smaller = shrunk
          smaller.remove(at: index)
          let keeps =
            ScenarioGenerator.isValid(smaller)
            && Explorer.hazards(in: smaller, variant: .seed).contains(code)
          #expect(!keeps, "seed \(seed), \(code): input \(index + 1) can go")
        }
        shrunkAny += 1
      }
    }
    #expect(shrunkAny >= 4)
  }

  /// Replay from saved states agrees with replay from the first input, for
  /// candidates that drop or change inputs anywhere in a long scenario and
  /// after edits have been adopted.
  @Test func replayFromSavedStatesAgreesWithReplayFromTheStart() {
    func shownAfter(_ inputs: [TraceInput], _ code: HazardCode) -> Int? {
      var simulation = Simulation(variant: .seed)
      for (index, input) in inputs.enumerated() {
        guard let output = try? simulation.applyForHazards(input) else { return nil }
        if output.hazards.contains(where: { $0.code == code }) { return index + 1 }
      }
      return nil
    }
    var compared = 0
    for seed in 0..<UInt64(4) {
      var random = SplitMix64(seed: seed)
      let inputs = ScenarioGenerator.virtualMachine(
        &random, steps: 200, failures: true, variant: .seed)
      for code in HazardCode.allCases {
        var replay = CheckpointedReplay(inputs, code: code, variant: .seed)
        #expect(replay.shownAfter() == shownAfter(inputs, code))
        for _ in 0..<20 {
          let current = replay.inputs
          let start = Int(random.bounded(UInt64(current.count)))
          var candidate = current
          if random.chance(1, in: 2) {
            candidate.removeSubrange(
              start..<min(current.count, start + 1 + Int(random.bounded(8))))
          } else {
            candidate[start] = current[Int(random.bounded(UInt64(current.count)))]
          }
          let expected = shownAfter(candidate, code)
          #expect(replay.shownAfter(candidate, from: start) == expected, "seed \(seed)")
          compared += 1
          if random.chance(1, in: 3) { replay.adopt(candidate, from: start) }
        }
      }
    }
    #expect(compared > 100)
  }

  @Test func fixedNeverShowsWhatItRemoves() {
    let found = Set(Self.fixedFindings.map(\.code))
    #expect(found.isDisjoint(with: DriverVariant.fixed.removedHazards), "\(found)")
  }

  @Test func theSameSeedGivesTheSameFindings() {
    let options = ExploreOptions(seed: 7, runs: 200)
    #expect(Explorer.explore(options) == Explorer.explore(options))
    #expect(Explorer.explore(options) != Explorer.explore(ExploreOptions(seed: 8, runs: 200)))
  }

  /// Workers take runs a chunk at a time, as they come free: the findings
  /// must not depend on how many there are.
  @Test func theFindingsDoNotDependOnTheNumberOfWorkers() {
    let options = ExploreOptions(seed: 5, runs: 700)
    let one = Explorer.explore(options, workers: 1)
    #expect(!one.isEmpty)
    for workers in [2, 3, 7] {
      #expect(Explorer.explore(options, workers: workers) == one, "\(workers) workers")
    }
  }

  /// A worker generates its runs on one model, reset between them: each
  /// run's scenario and first hazards must be those of a new model.
  @Test(arguments: DriverVariant.allCases)
  func aReusedModelGivesTheScenariosOfANewOne(variant: DriverVariant) {
    let options = ExploreOptions(seed: 3, runs: 300, steps: 60, variant: variant)
    var reused = ScenarioModel(variant: variant)
    for run in 0..<options.runs {
      var hazardsReused = FirstHazards()
      let again = Explorer.scenario(run: run, options, model: &reused, hazards: &hazardsReused)
      var fresh = ScenarioModel(variant: variant)
      var hazardsFresh = FirstHazards()
      let first = Explorer.scenario(run: run, options, model: &fresh, hazards: &hazardsFresh)
      #expect(again == first, "run \(run)")
      #expect(
        hazardsReused.indices.elementsEqual(hazardsFresh.indices) { $0 == $1 }, "run \(run)")
    }
  }

  @Test func theWrittenTracesPassCheckAndShowTheirHazard() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "regionsim-explore-\(UUID().uuidString)")
    let run = CLITests.run(["explore", "--runs", "300", "--out", folder.path])
    #expect(run.status == 0)
    #expect(run.out.contains("explored 300 scenarios (seed 1, 40 steps, variant seed)"))
    #expect(run.err.contains("explore: 300/300 runs"))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(files.count >= 5)
    for file in files {
      let path = folder.appendingPathComponent(file).path
      let code = String(file.dropLast(".trace".count))
      #expect(CLITests.run(["check", "-q", path]).status == 0, "\(file)")
      let hazards = CLITests.run(["hazards", path])
      #expect(hazards.status == 1)
      #expect(hazards.out.contains(": \(code): "), "\(file)")
    }
  }

  @Test func exploreUsage() {
    #expect(CLITests.run(["explore", "--runs", "many"]).status == 64)
    #expect(CLITests.run(["explore", "--steps", "0"]).status == 64)
    #expect(CLITests.run(["explore", "--variant", "best"]).status == 64)
    #expect(CLITests.run(["explore", "extra"]).status == 64)
    #expect(CLITests.run(["explore", "--runs", "1", "--out", "/proc/regionsim/x"]).status == 73)
    let json = CLITests.run([
      "explore", "--runs", "50", "--json", "--out",
      FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path,
    ])
    #expect(json.out.hasPrefix("{\"seed\":\"1\",\"runs\":50,\"steps\":40,\"variant\":\"seed\""))
  }

  @Test func shrinkAUsersTraceToItsHazard() throws {
    let path = ExamplesTests.folder.appendingPathComponent(
      "17-wp3-partial-failure-unregisters-everything.trace"
    ).path
    let shrunk = CLITests.run(["shrink", path, "--hazard", "unmap-unmapped"])
    #expect(shrunk.status == 0, "\(shrunk.err)")
    #expect(shrunk.out.contains("# regionsim shrink: unmap-unmapped"))
    #expect(CLITests.run(["check", "-"], stdin: shrunk.out).status == 0)
    #expect(CLITests.run(["hazards", "-"], stdin: shrunk.out).out.contains(": unmap-unmapped: "))
    let inputs = shrunk.out.split(separator: "\n").filter {
      !$0.hasPrefix("#") && !$0.hasPrefix(">")
    }
    #expect(inputs.count < 9)
    // A hazard the trace does not show, and usage errors.
    #expect(CLITests.run(["shrink", path, "--hazard", "unregister-order"]).status == 1)
    #expect(CLITests.run(["shrink", path]).status == 64)
    #expect(CLITests.run(["shrink", path, "--hazard", "nope"]).status == 64)
    #expect(
      CLITests.run(["shrink", path, "--hazard", "unmap-unmapped", "--until-mismatch"]).status == 64)
  }

  @Test func shrinkAMismatchToTheInputsThatShowIt() {
    let trace = """
      blkio-trace 1
      ramblock add a host=0x100000 max=1M fd=9
      ramblock add b host=0x400000 max=1M fd=10
      open d driver=virtio-blk-vhost-user
      > discard-disable ret=0
      > ok
      register d host=0x400000 size=1M
      > map addr=0x400000 len=0x100000 fd=10 fd-offset=0x0 ret=0
      > ok
      register d host=0x100000 size=1M
      > map addr=0x100000 len=0x100000 fd=9 fd-offset=0x1000 ret=0
      > ok
      discard require
      > error Discarding RAM is disabled

      """
    let result = CLITests.run(["shrink", "-", "--until-mismatch"], stdin: trace)
    #expect(result.status == 0)
    // Block b and its register are not needed for the difference.
    #expect(!result.out.contains("ramblock add b"))
    #expect(!result.out.contains("host=0x400000"))
    #expect(result.out.contains("fd-offset=0x1000"))
    #expect(CLITests.run(["check", "-"], stdin: result.out).status == 1)
    #expect(
      CLITests.run(["shrink", "-", "--until-mismatch"], stdin: "blkio-trace 1\n").status == 1)
  }
}

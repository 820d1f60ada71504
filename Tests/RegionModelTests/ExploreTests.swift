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
      var random = SplitMix64(seed: seed)
      let scenarios = [
        ScenarioGenerator.scenario(&random, steps: 40, variant: variant),
        ScenarioGenerator.virtualMachine(&random, steps: 40, failures: true, variant: variant),
        ScenarioGenerator.virtualMachine(&random, steps: 40, failures: false, variant: variant),
      ]
      for inputs in scenarios {
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

  @Test func fixedNeverShowsWhatItRemoves() {
    let found = Set(Self.fixedFindings.map(\.code))
    #expect(found.isDisjoint(with: DriverVariant.fixed.removedHazards), "\(found)")
  }

  @Test func theSameSeedGivesTheSameFindings() {
    let options = ExploreOptions(seed: 7, runs: 200)
    #expect(Explorer.explore(options) == Explorer.explore(options))
    #expect(Explorer.explore(options) != Explorer.explore(ExploreOptions(seed: 8, runs: 200)))
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

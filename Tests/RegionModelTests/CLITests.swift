import Foundation
import RegionModel
import Testing

@Suite struct CLITests {
  struct Run {
    var status: Int32
    var out: String
    var err: String
  }

  static func run(_ arguments: [String], stdin: String = "") -> Run {
    var input = MemorySource(stdin)
    var out = MemorySink()
    var err = MemorySink()
    let status = RegionSimCommand.run(
      arguments: arguments, standardInput: &input, standardOutput: &out, standardError: &err)
    return Run(status: status, out: out.text, err: err.text)
  }

  /// Writes `files` into a fresh folder and returns the folder.
  static func folder(_ files: [String: String]) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "regionsim-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return url
  }

  static let good = "blkio-trace 1\ndiscard require\n> ok\ndiscard release\n"
  static let bad = "blkio-trace 1\ndiscard require\n> error no\n"
  static let invalid = "blkio-trace 1\n\ndiscard sometimes\n"
  static let bare = "blkio-trace 1\nopen d driver=io_uring\n"

  @Test func usageErrorsExit64() {
    #expect(Self.run([]).status == 64)
    #expect(Self.run(["frobnicate"]).status == 64)
    #expect(Self.run(["check"]).status == 64)
    #expect(Self.run(["check", "--colour", "x"]).status == 64)
    #expect(Self.run(["record"]).status == 64)
    #expect(Self.run(["record", "a", "b"]).status == 64)
    #expect(Self.run(["help", "nothing"]).status == 64)
  }

  @Test func helpExits0() {
    #expect(Self.run(["--help"]).out.contains("regionsim check"))
    #expect(Self.run(["help", "check"]).out.hasPrefix("Usage: regionsim check"))
    #expect(Self.run(["help", "record"]).status == 0)
    #expect(Self.run(["check", "--help"]).out.hasPrefix("Usage: regionsim check"))
  }

  @Test func checkReportsEachOutcomeWithItsStatus() throws {
    let dir = try Self.folder([
      "good.trace": Self.good, "bad.trace": Self.bad, "invalid.trace": Self.invalid,
    ])
    let good = dir.appendingPathComponent("good.trace").path
    let bad = dir.appendingPathComponent("bad.trace").path
    let invalid = dir.appendingPathComponent("invalid.trace").path

    let passed = Self.run(["check", good])
    #expect(passed.status == 0)
    #expect(passed.out == "\(good): ok, 2 inputs, 0 calls and 1 result checked\n")
    #expect(Self.run(["check", "--quiet", good]).out.isEmpty)

    let mismatched = Self.run(["check", bad])
    #expect(mismatched.status == 1)
    #expect(mismatched.out.hasPrefix("\(bad):2: mismatch in the outputs of 'discard require'\n"))
    #expect(mismatched.out.contains("expected (line 3): > error no"))
    #expect(mismatched.out.contains("> ok"))

    let refused = Self.run(["check", invalid])
    #expect(refused.status == 65)
    #expect(refused.err.hasPrefix("\(invalid):3: "))

    let missing = Self.run(["check", dir.appendingPathComponent("nope.trace").path])
    #expect(missing.status == 66)
    #expect(missing.err.contains("No such file or directory"))
    #expect(Self.run(["check", dir.path]).status == 66)

    // Every file is checked; the worst status wins.
    let all = Self.run(["check", good, bad, invalid])
    #expect(all.status == 65)
    #expect(all.out.contains("\(good): ok"))
    #expect(all.out.contains("\(bad):2: mismatch"))
  }

  @Test func checkWarnsAboutATraceWithoutOutputs() throws {
    let dir = try Self.folder(["bare.trace": Self.bare])
    let path = dir.appendingPathComponent("bare.trace").path
    let result = Self.run(["check", path])
    // io_uring makes no call at open, so the bare trace passes, with a warning.
    #expect(result.status == 0)
    #expect(result.err.contains("warning: the trace has no output lines"))
  }

  @Test func recordReadsStandardInputAndFiles() throws {
    let fromStdin = Self.run(["record", "-"], stdin: Self.bare)
    #expect(fromStdin.status == 0)
    #expect(fromStdin.out == Self.bare + "> ok\n")
    let dir = try Self.folder(["bare.trace": Self.bare, "invalid.trace": Self.invalid])
    #expect(
      Self.run(["record", dir.appendingPathComponent("bare.trace").path]).out == fromStdin.out)
    let refused = Self.run(["record", dir.appendingPathComponent("invalid.trace").path])
    #expect(refused.status == 65)
    #expect(refused.err.contains("invalid.trace:3: unknown 'discard sometimes'"))
    #expect(Self.run(["check", "-"], stdin: fromStdin.out).status == 0)
  }
}

@Suite struct HazardsCLITests {
  static let clean = "blkio-trace 1\ndiscard require\n"
  static let offset = """
    blkio-trace 1
    ramblock add r host=0x1000 max=4K fd=3 fd-offset=8K
    open d driver=virtio-blk-vhost-user
    register d host=0x1000 size=4K

    """

  @Test func exitStatusSaysWhetherHazardsWereFound() {
    let none = CLITests.run(["hazards", "-"], stdin: Self.clean)
    #expect(none.status == 0)
    #expect(none.out == "<stdin>: no hazards\n")
    let some = CLITests.run(["hazards", "-"], stdin: Self.offset)
    #expect(some.status == 1)
    #expect(some.out.hasPrefix("<stdin>:4: file-offset-ignored: "))
    #expect(some.out.contains("(weak point 1)"))
    #expect(CLITests.run(["hazards"]).status == 64)
    #expect(CLITests.run(["hazards", "--yaml", "-"]).status == 64)
    #expect(CLITests.run(["hazards", "-"], stdin: "nope\n").status == 65)
  }

  @Test func jsonNamesCodesLinesAndExplanations() {
    let result = CLITests.run(["hazards", "--json", "-"], stdin: Self.offset)
    #expect(result.status == 1)
    // Streamed: each file's hazards come as they are found, its status after them.
    #expect(result.out.hasPrefix("{\"files\":[{\"file\":\"<stdin>\",\"hazards\":[{"))
    #expect(result.out.contains("}],\"status\":\"hazards\"}],\"codes\":{"))
    #expect(result.out.contains("{\"line\":4,\"code\":\"file-offset-ignored\""))
    #expect(result.out.contains("\"unregister-order\":{\"summary\":"))
    #expect(result.out.contains("\"weak_point\":7"))
  }

  @Test func checkWithHazardsReportsBoth() throws {
    let dir = try CLITests.folder(["o.trace": Self.offset])
    let path = dir.appendingPathComponent("o.trace").path
    // Without outputs the check itself fails (the open disables discard).
    let result = CLITests.run(["check", "--hazards", path])
    #expect(result.status == 1)
    #expect(result.out.contains("mismatch"))
    #expect(result.out.contains("file-offset-ignored"))
  }
}

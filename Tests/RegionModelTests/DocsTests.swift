import Foundation
import RegionModel
import Testing

/// The traces quoted in Docs/hazards/ must keep showing what they say.
@Suite struct DocsTests {
  static let folder = ExamplesTests.folder.deletingLastPathComponent()
    .appendingPathComponent("Docs").appendingPathComponent("hazards")

  @Test func everyHazardHasAPage() throws {
    let pages = Set(try FileManager.default.contentsOfDirectory(atPath: Self.folder.path))
    #expect(pages == Set(HazardCode.allCases.map { $0.rawValue + ".md" }))
  }

  @Test(arguments: HazardCode.allCases)
  func thePagesTraceShowsItsHazard(code: HazardCode) throws {
    let page = try String(
      contentsOf: Self.folder.appendingPathComponent(code.rawValue + ".md"), encoding: .utf8)
    let blocks = page.components(separatedBy: "```")
    guard blocks.count >= 3 else {
      // Only the hazards no variant can show have no trace.
      #expect([.discardUnderflow, .discardLeak, .callerFault].contains(code))
      return
    }
    let trace = blocks[1].drop { $0 == "\n" }
    #expect(TraceTestSupport.passed(TraceTestSupport.check(String(trace))))
    let found = try HazardScan.run(source: MemorySource(String(trace))).get()
    #expect(found.contains { $0.hazard.code == code })
  }

  /// Every `FILE: ok, N inputs, ...` line quoted in Docs/ and the README is
  /// what `check` prints for that file today.
  @Test func quotedCheckLinesAreWhatCheckPrints() throws {
    let root = ExamplesTests.folder.deletingLastPathComponent()
    let docs = root.appendingPathComponent("Docs")
    let pages =
      try FileManager.default.contentsOfDirectory(atPath: docs.path)
      .filter { $0.hasSuffix(".md") }.map { docs.appendingPathComponent($0) }
      + [root.appendingPathComponent("README.md")]
    var quoted = 0
    for page in pages {
      let text = try String(contentsOf: page, encoding: .utf8)
      for line in text.split(separator: "\n") where line.hasPrefix("examples/") {
        guard let colon = line.firstIndex(of: ":"), line.contains(": ok, ") else { continue }
        let file = String(line[..<colon])
        let run = CLITests.run(["check", root.appendingPathComponent(file).path])
        let printed = run.out.replacingOccurrences(of: root.path + "/", with: "")
        #expect(printed == line + "\n", "\(page.lastPathComponent): \(line)")
        quoted += 1
      }
    }
    #expect(quoted > 0)
  }
}

import Foundation
import Testing

@testable import RegionModel

/// The bundled examples are hand-written, with outputs reasoned from the
/// seed's C code; each must pass `check` and list at least one output.
@Suite struct ExamplesTests {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("examples")

  static var files: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".trace") }.sorted()
  }

  @Test func thereAreExamples() {
    #expect(Self.files.count >= 14)
  }

  @Test(arguments: files)
  func examplePassesCheck(name: String) throws {
    let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    let outcome = TraceTestSupport.check(text)
    guard case .passed(let statistics) = outcome else {
      Issue.record("\(name): \(outcome)")
      return
    }
    #expect(statistics.outputLines > 0)
    // Recording keeps every expected line: the hand-written outputs are
    // already canonical, so record changes nothing.
    #expect(TraceTestSupport.record(text).1 == text)
  }
}

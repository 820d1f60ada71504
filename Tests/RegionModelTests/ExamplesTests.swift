import Foundation
import RegionModel
import Testing

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
    #expect(Self.files.count >= 20)
  }

  /// The hazards each example shows, in trace order: every weak point of
  /// the notes' section 7 has one, and the normal path has none.
  static let expectedHazards: [String: [HazardCode]] = [
    "01-vhost-user-whole-ram.trace": [],
    "04-unaligned-buffer.trace": [.alignmentDisagreement],
    "06-max-mem-regions.trace": [.regionLimit, .regionLimit],
    "13-file-offset-ignored.trace": [.fileOffsetIgnored],
    "15-vm-vhost-user-under-qcow2.trace": [],
    "16-wp2-fdless-memory-reaches-libblkio-unmapped.trace": [.fdlessSkip, .ioUnmapped],
    "17-wp3-partial-failure-unregisters-everything.trace": [
      .regionLimit, .regionInFlight, .unmapUnmapped,
    ],
    "18-wp4-registered-twice.trace": [.doubleRegistration, .ioUnmapped, .doubleRegistration],
    // The seed's second pool, bytes + 128 KiB, is refused on vdpa (U1).
    "19-wp6-bounce-pool-shares-region-slots.trace": [.regionLimit, .bouncePoolUnaligned],
    "20-wp7-unregister-order.trace": [.unregisterOrder],
    "21-u1-bounce-pool-unaligned.trace": [.bouncePoolUnaligned],
  ]

  @Test(arguments: expectedHazards.keys.sorted())
  func exampleShowsItsHazards(name: String) throws {
    let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    let found = try HazardScan.run(source: MemorySource(text)).get()
    #expect(found.map(\.hazard.code) == Self.expectedHazards[name])
  }

  @Test func everyWeakPointHasAnExample() {
    let shown = Set(Self.expectedHazards.values.joined().compactMap(\.weakPoint))
    #expect(shown == Set(1...7))
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

import Foundation
import RegionModel
import Testing

/// The regression corpus, `examples/upstream/`: one trace per upstream bug
/// the model can express. Each names, in a `# upstream:` comment, the bug,
/// the variants before its fix (which must show it), the variants after
/// (which must not) and the hazard that shows it; each passes `check`
/// under the variant it pins.
@Suite struct UpstreamCorpusTests {
  static let folder = ExamplesTests.folder.appendingPathComponent("upstream")

  static var files: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".trace") }.sorted()
  }

  /// What a trace's `# upstream: ID before=V,... after=V,... shows=CODE`
  /// comment says.
  struct Claim {
    var bug: String
    var before: [DriverVariant]
    var after: [DriverVariant]
    var shows: HazardCode
  }

  static func claim(_ text: String) -> Claim? {
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("# upstream: ") })
    else { return nil }
    var fields: [String: String] = [:]
    let words = line.dropFirst("# upstream: ".count).split(separator: " ")
    for word in words.dropFirst() {
      let parts = word.split(separator: "=", maxSplits: 1)
      if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
    }
    func variants(_ key: String) -> [DriverVariant]? {
      guard let list = fields[key] else { return nil }
      let parsed = list.split(separator: ",").compactMap { DriverVariant(rawValue: String($0)) }
      return parsed.count == list.split(separator: ",").count ? parsed : nil
    }
    guard let bug = words.first, let before = variants("before"), let after = variants("after"),
      let shows = fields["shows"].flatMap(HazardCode.init(rawValue:))
    else { return nil }
    return Claim(bug: String(bug), before: before, after: after, shows: shows)
  }

  /// The trace with its variant pin taken out, so that each variant can
  /// replay it.
  static func unpinned(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("# regionsim: variant=") }.joined(separator: "\n")
  }

  static func hazards(_ text: String, variant: DriverVariant) throws -> Set<HazardCode> {
    Set(
      try HazardScan.run(source: MemorySource(unpinned(text)), variant: variant).get()
        .map(\.hazard.code))
  }

  @Test func theCorpusHasATracePerExpressibleBug() {
    let bugs = Set(
      Self.files.compactMap { name -> String? in
        let text = try? String(
          contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        return text.flatMap(Self.claim)?.bug
      })
    #expect(bugs.isSuperset(of: ["U1", "U2", "U3", "U5", "U6"]))
  }

  @Test(arguments: files)
  func theVariantsBeforeTheFixShowTheBugAndTheOnesAfterDoNot(name: String) throws {
    let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    let claim = try #require(Self.claim(text), "\(name) has no valid '# upstream:' comment")
    #expect(!claim.before.isEmpty && !claim.after.isEmpty)
    #expect(Set(claim.before).isDisjoint(with: claim.after))
    for variant in claim.before {
      #expect(
        try Self.hazards(text, variant: variant).contains(claim.shows),
        "\(name) under \(variant.rawValue) should show \(claim.shows.rawValue)")
    }
    for variant in claim.after {
      #expect(
        try !Self.hazards(text, variant: variant).contains(claim.shows),
        "\(name) under \(variant.rawValue) should not show \(claim.shows.rawValue)")
    }
  }

  @Test(arguments: files)
  func eachTracePassesCheckUnderItsPin(name: String) throws {
    let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    #expect(text.contains("\n# regionsim: variant="))
    let outcome = TraceTestSupport.check(text)
    guard case .passed = outcome else {
      Issue.record("\(name): \(outcome)")
      return
    }
  }
}

import Foundation
import Testing

@testable import RegionModel

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The page `regionsim show` draws, held to the trace it draws: each
/// example's successful maps, unmaps and hazards counted from the trace's
/// own (checked) output lines and from the hazard scan, not from the
/// timeline under test.
@Suite struct PictureTests {
  static var examples: [URL] {
    let folder = ExamplesTests.folder
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".trace") }.sorted().map(folder.appendingPathComponent)
  }

  static func timeline(_ url: URL, limit: Int = Timeline.defaultLimit) throws -> Timeline {
    let text = try String(contentsOf: url, encoding: .utf8)
    return try Timeline.replay(source: MemorySource(text), limit: limit).get()
  }

  /// Collects the elements of a page that parses as XML.
  final class Elements: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var attributes: [(name: String, values: [String: String])] = []
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String]
    ) {
      let key = attributes["class"].map { "\(name).\($0)" } ?? name
      counts[key, default: 0] += 1
      self.attributes.append((key, attributes))
    }
  }

  static func parse(_ html: String) -> Elements? {
    let parser = XMLParser(data: Data(html.utf8))
    let elements = Elements()
    parser.delegate = elements
    return parser.parse() ? elements : nil
  }

  /// The bars the trace's own output lines imply: each `> map … ret=0`
  /// opens one, each `> unmap` closes the first open one of its region, at
  /// its input's step; a refused map of a region with an open bar is a
  /// duplicate.
  static func barsFromOutputs(_ text: String) -> (bars: [String], duplicates: Int) {
    var step = -1
    var open: [(region: String, start: Int)] = []
    var bars: [String] = []
    var duplicates = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("blkio-trace") { continue }
      guard line.hasPrefix(">") else {
        step += 1
        continue
      }
      let words = line.dropFirst().split(separator: " ").map(String.init)
      guard let verb = words.first, verb == "map" || verb == "unmap" else { continue }
      let region = words.filter {
        $0.hasPrefix("addr=") || $0.hasPrefix("len=") || $0.hasPrefix("fd=")
          || $0.hasPrefix("fd-offset=")
      }.joined(separator: " ")
      if verb == "map" {
        if words.contains("ret=0") {
          open.append((region, step))
        } else if open.contains(where: { $0.region == region }) {
          duplicates += 1
        }
      } else if let index = open.firstIndex(where: { $0.region == region }) {
        bars.append("\(region) \(open[index].start)-\(step)")
        open.remove(at: index)
      }
    }
    bars += open.map { "\($0.region) \($0.start)-" }
    return (bars.sorted(), duplicates)
  }

  static func describe(_ region: MemRegion) -> String {
    "addr=\(CFormat.hex(region.addr)) len=\(CFormat.hex(region.len)) fd=\(region.fd) "
      + "fd-offset=\(CFormat.hex(region.fdOffset))"
  }

  @Test(arguments: examples)
  func eachMappedRegionIsOneBarWithItsSteps(example: URL) throws {
    let text = try String(contentsOf: example, encoding: .utf8)
    let timeline = try Self.timeline(example)
    let expected = Self.barsFromOutputs(text)
    let drawn = timeline.bars.filter { !$0.isBouncePool }.map { bar in
      // A bar dropped by the instance's destruction has no unmap line.
      let end = bar.droppedSilently ? "" : bar.end.map(String.init) ?? ""
      return "\(Self.describe(bar.region)) \(bar.start)-\(end)"
    }.sorted()
    #expect(drawn == expected.bars, "\(example.lastPathComponent)")
    #expect(
      timeline.marks.filter { $0.kind == .duplicate }.count == expected.duplicates,
      "\(example.lastPathComponent)")
  }

  @Test(arguments: examples)
  func thePageIsWellFormedWithABarPerRegionAndAMarkerPerHazard(example: URL) throws {
    let text = try String(contentsOf: example, encoding: .utf8)
    let timeline = try Self.timeline(example)
    let page = PicturePage(timelines: [timeline], file: example.lastPathComponent)
    let elements = try #require(Self.parse(page.html()), "\(example.lastPathComponent)")
    let hazards = try HazardScan.run(source: MemorySource(text)).get()
    #expect(elements.counts["a.hazard", default: 0] == hazards.count)
    let bars = elements.attributes.filter { $0.name == "g.bar" }
    #expect(bars.count == timeline.bars.filter { !$0.isBouncePool }.count)
    for (bar, drawn) in zip(timeline.bars.filter { !$0.isBouncePool }, bars) {
      #expect(drawn.values["data-start"] == String(bar.start))
      #expect(drawn.values["data-end"] == (bar.end.map(String.init) ?? "open"))
    }
    #expect(elements.counts["g.row", default: 0] == timeline.steps.count)
    #expect(elements.counts["script", default: 0] == 0)
  }

  @Test(arguments: examples)
  func theCollapsedAxisCoversEveryBlockAndRegion(example: URL) throws {
    let timeline = try Self.timeline(example)
    let axis = PicturePage(timelines: [timeline], file: "").axis
    for block in timeline.blocks {
      #expect(axis.covers(start: block.host, length: block.maxLength), "\(block.name)")
    }
    for bar in timeline.bars {
      #expect(axis.covers(start: bar.region.addr, length: bar.region.len))
    }
    for request in timeline.requests {
      #expect(axis.covers(start: request.host, length: request.size))
    }
    // Stretches are in order and apart, and fit the width.
    for (left, right) in zip(axis.segments, axis.segments.dropFirst()) {
      #expect(left.end < right.start)
      #expect(left.x + left.width <= right.x)
    }
    #expect((axis.segments.last.map { $0.x + $0.width } ?? 0) <= axis.width + 0.001)
  }

  @Test func farApartBlocksGetStretchesOfTheirOwn() {
    let axis = AddressAxis(
      ranges: [(0x1000, 0x1000), (0x7f00_0000_0000, 0x4000_0000), (0xffff_ffff_ffff_f000, 0x2000)],
      width: 600)
    #expect(axis.segments.count == 3)
    #expect(axis.covers(start: 0xffff_ffff_ffff_f000, length: 0x2000))
    let small = axis.span(start: 0x1000, length: 0x1000)
    #expect(small.width >= AddressAxis.minimumSegmentWidth - 0.001)
  }

  /// Hundreds of blocks a few MiB apart (RAM hotplug in a long trace)
  /// must not each get a sliver with a break mark: the axis keeps only
  /// as many stretches as fit at their narrowest, and still covers all.
  @Test(arguments: [1, 2, 7, 30, 600])
  func manyStretchesShareTheRoomThereIs(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var start: UInt64 = 0x1_0000_0000
    var ranges: [(start: UInt64, length: UInt64)] = []
    for _ in 0..<Int(seed % 97 + seed) {
      let length = (random.next() % 512 + 1) * 0x1000
      ranges.append((start, length))
      start += length + (random.next() % 64 + 2) * 0x10_0000
    }
    let width = 300 + Double(random.next() % 700)
    let axis = AddressAxis(ranges: ranges.shuffled(using: &random), width: width)
    #expect(axis.segments.count <= AddressAxis.maximumSegments(width: width))
    #expect(ranges.allSatisfy { axis.covers(start: $0.start, length: $0.length) })
    #expect(zip(axis.segments, axis.segments.dropFirst()).allSatisfy { $0.end < $1.start })
  }

  @Test func aTraceOfTenThousandInputsIsDrawnWhole() throws {
    var text = "blkio-trace 1\nramblock add r host=0x10000000 max=1G fd=3\n"
    text += "open d driver=virtio-blk-vhost-user\n"
    for index in 0..<4_999 {
      text += "register d host=\(CFormat.hex(0x1000_0000 + UInt64(index) * 0x2000)) size=4K\n"
    }
    for index in 0..<4_999 {
      text += "unregister d host=\(CFormat.hex(0x1000_0000 + UInt64(index) * 0x2000)) size=4K\n"
    }
    let timeline = try Timeline.replay(source: MemorySource(text)).get()
    #expect(timeline.steps.count == 10_000)
    #expect(!timeline.isTruncated)
    #expect(timeline.bars.count == 4_999)
    #expect(timeline.bars.allSatisfy { $0.end == $0.start + 4_999 })
    let html = PicturePage(timelines: [timeline], file: "big").html()
    #expect(!html.contains("Too large"))
    let more = text + "close d\n"
    let truncated = try Timeline.replay(source: MemorySource(more)).get()
    #expect(truncated.isTruncated)
    #expect(truncated.totalInputs == 10_001)
    let page = PicturePage(timelines: [truncated], file: "big").html()
    #expect(page.contains("Too large to draw in full: the trace has 10001 inputs"))
  }

  @Test func comparingTwoVariantsDrawsBothOnOneAxis() throws {
    let example = try #require(Self.examples.first { $0.lastPathComponent.hasPrefix("18-") })
    let text = try String(contentsOf: example, encoding: .utf8)
    let seed = try Timeline.replay(source: MemorySource(text), variant: .seed).get()
    let fixed = try Timeline.replay(source: MemorySource(text), variant: .fixed).get()
    let elements = try #require(
      Self.parse(PicturePage(timelines: [seed, fixed], file: "x").html()))
    #expect(elements.counts["svg.timeline"] == 2)
    #expect(elements.counts["a.hazard", default: 0] == seed.hazards.count + fixed.hazards.count)
    #expect(seed.hazards.count > fixed.hazards.count)
  }

  @Test func traceBytesAreEscaped() {
    #expect(Markup.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
    #expect(Markup.escape("\u{1B}[2J\u{0}") == "\\x1b[2J\\x00")
  }

  /// A trace that pins its variant (the upstream corpus does) is drawn
  /// under the pin on the left and under the compared variant on the right.
  @Test func theComparedVariantWinsOverThePin() throws {
    let trace = ExamplesTests.folder.appendingPathComponent("upstream/u5-mirror-to-vdpa.trace")
    let run = CLITests.run(["show", trace.path, "--compare", "fixed"])
    #expect(run.status == 0)
    #expect(run.out.contains("variant merged: 2 hazards"))
    #expect(run.out.contains("variant fixed: 0 hazards"))
  }

  @Test func badInputGetsCheckStatusesAndMessages() throws {
    let folder = try CLITests.folder([
      "bad.trace": "blkio-trace 1\nopen d driver=nvme\n", "good.trace": CLITests.good,
    ])
    let bad = folder.appendingPathComponent("bad.trace").path
    let run = CLITests.run(["show", bad])
    #expect(run.status == 65)
    #expect(run.err.hasPrefix("\(bad):2: "))
    #expect(run.status == CLITests.run(["check", bad]).status)
    let missing = folder.appendingPathComponent("missing.trace").path
    #expect(CLITests.run(["show", missing]).status == 66)
    let good = folder.appendingPathComponent("good.trace").path
    #expect(CLITests.run(["show", good, "--compare", "nonsense"]).status == 64)
    #expect(CLITests.run(["show", good, "--limit", "0"]).status == 64)
    #expect(CLITests.run(["show"]).status == 64)
    let drawn = CLITests.run(["show", "-", "--compare", "fixed"], stdin: CLITests.good)
    #expect(drawn.status == 0)
    #expect(drawn.out.contains("variant fixed"))
    let out = folder.appendingPathComponent("no-such-folder/page.html").path
    #expect(CLITests.run(["show", good, "--out", out]).status == 73)
  }
}

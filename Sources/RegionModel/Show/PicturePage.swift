/// The page `regionsim show` writes: one self-contained HTML file (inline
/// SVG and CSS, no script, nothing fetched) with the timeline of a trace,
/// or of the same trace under two variants side by side on one address
/// axis.
public struct PicturePage: Sendable {
  /// The timelines, left to right.
  public let timelines: [Timeline]
  /// The trace's name, as the page titles it.
  public let file: String
  /// The folder hazard links point to.
  public let hazardPages: String

  /// The width of the address plot of each timeline.
  var plotWidth: Double { timelines.count > 1 ? 460 : 980 }

  public init(timelines: [Timeline], file: String, hazardPages: String = "Docs/hazards") {
    self.timelines = timelines
    self.file = file
    self.hazardPages = hazardPages
  }

  /// The address axis all timelines share: every RAMBlock, mapped region,
  /// allocation, failed map and request buffer of any of them.
  public var axis: AddressAxis {
    AddressAxis(ranges: timelines.flatMap(\.addressRanges), width: plotWidth)
  }

  /// The page's HTML.
  public func html() -> String {
    let axis = axis
    var out = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8"/>
      <title>regionsim show: \(Markup.escape(file))</title>
      <style>\(Self.style)</style>
      </head>
      <body>
      <h1>regionsim show: \(Markup.escape(file))</h1>

      """
    out += "<p class=\"about\">The model's calls for each input of the trace"
    out += timelines.count > 1 ? ", under two variants side by side. " : ". "
    out +=
      "Rows are the inputs in trace order; columns are the address space, with the empty "
      + "stretches collapsed (zigzag). Hover any mark for the trace line it comes from. The "
      + "trace's own output lines are not compared here: <code>regionsim check</code> does that."
      + "</p>\n"
    for timeline in timelines where timeline.isTruncated {
      out +=
        "<p class=\"truncated\">Too large to draw in full: the trace has "
        + "\(timeline.totalInputs) inputs (up to line \(timeline.lastLine)); this page draws the "
        + "first \(timeline.steps.count) (up to line \(timeline.steps.last?.line ?? 0)) under "
        + "\(timeline.variant.rawValue) and leaves out the other "
        + "\(timeline.totalInputs - timeline.steps.count) inputs and the "
        + "\(timeline.hazardsLeftOut) hazards they show. Spans still open at the last row drawn "
        + "run to the bottom edge.</p>\n"
    }
    out += legend()
    out += "<div class=\"timelines\">\n"
    for (index, timeline) in timelines.enumerated() {
      var drawing = TimelineDrawing(
        timeline: timeline, axis: axis, hazardPages: hazardPages,
        heading: "variant \(timeline.variant.rawValue): \(timeline.hazards.count) hazard"
          + (timeline.hazards.count == 1 ? "" : "s"))
      drawing.showsInputs = index == 0
      out += "<div class=\"timeline-box\">\n" + drawing.svg() + "</div>\n"
    }
    out += "</div>\n"
    out += hazardList()
    out += "</body>\n</html>\n"
    return out
  }

  private func legend() -> String {
    """
    <ul class="legend">
    <li><span class="key block-key"></span>RAMBlock (darker: used length)</li>
    <li><span class="key bar-key"></span>mapped region, one colour per blkio node</li>
    <li><span class="key pool-key"></span>bounce pool allocation</li>
    <li><span class="key direct-key"></span>direct request</li>
    <li><span class="key bounced-key"></span>bounced request (○ waits)</li>
    <li><span class="sym failed">×</span>failed map <span class="sym duplicate">◆</span>duplicate
    map <span class="sym stray">○</span>unmap of nothing</li>
    <li><span class="sym hazard">▲</span>hazard (lane hz) <span class="sym event">●</span>discard
    event (lane dc)</li>
    </ul>

    """
  }

  private func hazardList() -> String {
    var out = ""
    for timeline in timelines {
      out += "<h2>Hazards under \(timeline.variant.rawValue)</h2>\n"
      guard !timeline.hazards.isEmpty else {
        out += "<p>None in the inputs drawn.</p>\n"
        continue
      }
      out += "<ul class=\"hazards\">\n"
      for mark in timeline.hazards {
        let code = mark.hazard.code
        let line = timeline.steps[mark.step].line
        out +=
          "<li>line \(line): <a href=\"\(Markup.escape(hazardPages))/\(code.rawValue).md\">"
          + "\(code.rawValue)</a>: \(Markup.escape(code.summary)) "
          + "<span class=\"detail\">\(Markup.escape(mark.hazard.detail))</span></li>\n"
      }
      out += "</ul>\n"
    }
    return out
  }

  static let style = """
    body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#222;background:#fff}
    h1{font-size:18px;margin:0 0 6px}h2{font-size:15px;margin:16px 0 4px}
    .about,.truncated{max-width:1100px}.truncated{background:#fff3cd;border:1px solid #e0c36a;padding:6px}
    .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 18px}
    .key{display:inline-block;width:22px;height:10px;margin-right:5px;vertical-align:middle}
    .block-key{background:#dfe8f2;border:1px solid #9bb}.bar-key{background:#1f77b4}
    .pool-key{background:repeating-linear-gradient(45deg,#fff8e0 0 3px,#d4a017 3px 5px)}
    .direct-key{border-left:3px solid #116611;height:12px;width:3px}
    .bounced-key{border-left:3px dashed #b35c00;height:12px;width:3px}
    .sym{font-weight:bold;margin-right:4px}.sym.failed{color:#c00}.sym.duplicate{color:#e67e00}
    .sym.stray{color:#7a2a9a}.sym.hazard{color:#d00}.sym.event{color:#3366cc}
    .timelines{display:flex;gap:12px;align-items:flex-start;overflow-x:auto}
    .timeline-box{border:1px solid #ccc}
    svg.timeline{display:block;font:11px ui-monospace,monospace}
    .heading{font:bold 13px system-ui,sans-serif}
    .row rect.even{fill:#fff}.row rect.odd{fill:#f5f6f8}.row:hover rect{fill:#fff6c8}
    .line-number{text-anchor:end;fill:#888}.input{fill:#222}
    .lane-label{fill:#888;font-size:10px}
    .axis line{stroke:#555}.axis text{fill:#555;font-size:10px}
    .block-label{fill:#345;font-size:10px}
    .block-max{fill:#e8eef5;stroke:#9bb;stroke-width:.5}.block-used{fill:#cbd9ea}
    .break polyline{fill:none;stroke:#999;stroke-width:1.5}
    .bar rect{fill-opacity:.6;stroke-width:1}.pool rect{stroke-width:1.2}
    .request line{stroke:#116611;stroke-width:2}.request circle{fill:#116611}
    .request.bounced line{stroke:#b35c00;stroke-dasharray:4 2}.request.bounced circle{fill:#b35c00}
    .request .wait{fill:#fff;stroke:#b35c00;stroke-width:1.5}
    .bounce-buffer{fill:#b35c00;fill-opacity:.8}
    .mark.failed path{stroke:#c00;stroke-width:2.5}.mark.duplicate path{fill:#e67e00}
    .mark.stray circle{fill:none;stroke:#7a2a9a;stroke-width:2}
    .side.event circle{fill:#3366cc}.side.refusal circle{fill:#c00}
    .hazard path{fill:#d00;stroke:#700;stroke-width:.5}
    .hazards .detail{color:#555}
    """
}

extension Timeline {
  /// Every address range the timeline draws.
  var addressRanges: [(start: UInt64, length: UInt64)] {
    blocks.map { ($0.host, $0.maxLength) } + bars.map { ($0.region.addr, $0.region.len) }
      + marks.map { ($0.region.addr, $0.region.len) }
      + requests.flatMap { request in
        [(request.host, request.size)] + (request.buffer.map { [($0.addr, $0.len)] } ?? [])
      }
  }
}

/// One timeline drawn as an inline SVG: a row per input (line number and
/// input on the left), a lane of hazards and a lane of discard events, then
/// the address plot: RAMBlocks as bands, mapped regions as bars coloured
/// by blkio node, the bounce pool's allocations hatched, requests as
/// vertical lines at their buffers, failed and duplicate maps as marks.
/// Every mark carries a `<title>`, so hovering it shows the trace line it
/// comes from.
struct TimelineDrawing {
  let timeline: Timeline
  let axis: AddressAxis
  /// Where hazard links point: the folder holding the hazard pages.
  let hazardPages: String
  /// A heading drawn above the plot (the variant).
  let heading: String
  /// Whether the rows show their line numbers and inputs: the second of
  /// two timelines compared side by side leaves them to the first (the
  /// rows are the same inputs) and keeps them in each row's `<title>`.
  var showsInputs = true

  static let textWidth = 330.0
  static let laneWidth = 18.0
  static let headerHeight = 96.0
  static let palette = [
    "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f",
  ]

  /// Where the hazard lane starts; the discard lane follows it.
  var laneX: Double { showsInputs ? Self.textWidth : 4 }
  var plotX: Double { laneX + 2 * Self.laneWidth + 8 }
  var width: Double { plotX + axis.width + 12 }

  /// The height of one row: tall enough for text when there are few
  /// inputs, down to 3 pixels for 10,000.
  var rowHeight: Double {
    let count = Double(max(timeline.steps.count, 1))
    return max(3, min(18, (6_000 / count).rounded(.down)))
  }

  var height: Double { Self.headerHeight + Double(timeline.steps.count) * rowHeight + 8 }

  func rowTop(_ step: Int) -> Double { Self.headerHeight + Double(step) * rowHeight }
  func rowMiddle(_ step: Int) -> Double { rowTop(step) + rowHeight / 2 }
  /// The bottom of a span that ends at `end`, or of the picture.
  func spanBottom(_ end: Int?) -> Double {
    end.map(rowMiddle) ?? rowTop(timeline.steps.count)
  }

  /// The colour of each blkio node, in order of first appearance.
  var nodeColours: [String: String] {
    var colours: [String: String] = [:]
    for name in timeline.bars.map(\.node) + timeline.requests.map(\.node)
    where colours[name] == nil {
      colours[name] = Self.palette[colours.count % Self.palette.count]
    }
    return colours
  }

  func svg() -> String {
    var out = ""
    out +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" "
      + "width=\"\(Markup.number(width))\" height=\"\(Markup.number(height))\" "
      + "viewBox=\"0 0 \(Markup.number(width)) \(Markup.number(height))\">\n"
    out +=
      "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff8e0\"/>"
      + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#d4a017\" stroke-width=\"2\"/>"
      + "</pattern></defs>\n"
    drawHeader(&out)
    drawRows(&out)
    drawBlocks(&out)
    drawBreaks(&out)
    drawBars(&out)
    drawRequests(&out)
    drawMarks(&out)
    drawSideLane(&out)
    drawHazards(&out)
    out += "</svg>\n"
    return out
  }

  // MARK: - Parts

  private func drawHeader(_ out: inout String) {
    out +=
      "<text class=\"heading\" x=\"4\" y=\"16\">\(Markup.escape(heading))</text>\n"
      + "<text class=\"lane-label\" x=\"\(Markup.number(laneX + 2))\" "
      + "y=\"\(Markup.number(Self.headerHeight - 6))\">hz</text>\n"
      + "<text class=\"lane-label\" x=\"\(Markup.number(laneX + Self.laneWidth + 2))\" "
      + "y=\"\(Markup.number(Self.headerHeight - 6))\">dc</text>\n"
    var axisLabelEnd = -Double.infinity
    for segment in axis.segments {
      let x = plotX + segment.x
      let label = hex(segment.start)
      let showsLabel = x >= axisLabelEnd
      if showsLabel { axisLabelEnd = x + Self.labelWidth(label) }
      out +=
        "<g class=\"axis\"><title>addresses \(hex(segment.start)) to \(hex(segment.end))</title>"
        + "<line x1=\"\(Markup.number(x))\" y1=\"\(Markup.number(Self.headerHeight - 2))\" "
        + "x2=\"\(Markup.number(x + segment.width))\" "
        + "y2=\"\(Markup.number(Self.headerHeight - 2))\"/>"
        + (showsLabel
          ? "<text x=\"\(Markup.number(x))\" y=\"\(Markup.number(Self.headerHeight - 6))\">"
            + "\(label)</text>" : "")
        + "</g>\n"
    }
    // Block labels take the first of four lines where they do not overlap
    // an earlier one; a block with no room left keeps its label in the
    // `<title>` of its band.
    var labelEnds = [Double](repeating: -Double.infinity, count: 4)
    for block in timeline.blocks {
      let x = plotX + axis.span(start: block.host, length: block.maxLength).x + 1
      let label =
        "\(block.name) \(CFormat.hex(block.host)) \(Markup.size(block.maxLength))"
      guard let line = labelEnds.firstIndex(where: { $0 <= x }) else { continue }
      labelEnds[line] = x + Self.labelWidth(label)
      out +=
        "<text class=\"block-label\" x=\"\(Markup.number(x))\" "
        + "y=\"\(Markup.number(30 + Double(line) * 14))\"><title>\(blockTitle(block))</title>"
        + "\(Markup.escape(label))</text>\n"
    }
  }

  /// About how wide `text` is drawn in the 10 px monospace of the labels,
  /// with a gap after it.
  static func labelWidth(_ text: String) -> Double { Double(text.count) * 6.2 + 8 }

  private func drawRows(_ out: inout String) {
    let text = showsInputs && rowHeight >= 11
    for (index, step) in timeline.steps.enumerated() {
      let y = rowTop(index)
      let tip = Markup.escape(
        "line \(step.line): \(step.input)"
          + step.outputs.map { "\n> " + $0 }.joined())
      out +=
        "<g class=\"row\" data-line=\"\(step.line)\"><title>\(tip)</title>"
        + "<rect class=\"\(index % 2 == 0 ? "even" : "odd")\" x=\"0\" y=\"\(Markup.number(y))\" "
        + "width=\"\(Markup.number(width))\" height=\"\(Markup.number(rowHeight))\"/>"
      if text {
        let input = step.input.count > 44 ? String(step.input.prefix(43)) + "…" : step.input
        out +=
          "<text class=\"line-number\" x=\"34\" y=\"\(Markup.number(y + rowHeight - 5))\">"
          + "\(step.line)</text><text class=\"input\" x=\"40\" "
          + "y=\"\(Markup.number(y + rowHeight - 5))\">\(Markup.escape(input))</text>"
      }
      out += "</g>\n"
    }
  }

  private func drawBlocks(_ out: inout String) {
    for block in timeline.blocks {
      let span = axis.span(start: block.host, length: block.maxLength)
      let top = rowTop(block.start)
      let bottom = block.end.map(rowTop) ?? rowTop(timeline.steps.count)
      out +=
        "<g class=\"block\" data-name=\"\(Markup.escape(block.name))\"><title>\(blockTitle(block))"
        + "</title><rect class=\"block-max\" x=\"\(Markup.number(plotX + span.x))\" "
        + "y=\"\(Markup.number(top))\" width=\"\(Markup.number(span.width))\" "
        + "height=\"\(Markup.number(max(bottom - top, 1)))\"/>"
      for (index, used) in block.usedLengths.enumerated() {
        let from = rowTop(used.step)
        let to =
          index + 1 < block.usedLengths.count ? rowTop(block.usedLengths[index + 1].step) : bottom
        let usedSpan = axis.span(start: block.host, length: min(used.used, block.maxLength))
        out +=
          "<rect class=\"block-used\" x=\"\(Markup.number(plotX + usedSpan.x))\" "
          + "y=\"\(Markup.number(from))\" width=\"\(Markup.number(usedSpan.width))\" "
          + "height=\"\(Markup.number(max(to - from, 1)))\"/>"
      }
      out += "</g>\n"
    }
  }

  private func drawBreaks(_ out: inout String) {
    for (left, right) in zip(axis.segments, axis.segments.dropFirst()) {
      let x = plotX + left.x + left.width + AddressAxis.breakWidth / 2
      var points: [String] = []
      var y = Self.headerHeight - 10
      var flip = false
      while y < height {
        points.append("\(Markup.number(x + (flip ? 3 : -3))),\(Markup.number(y))")
        y += 6
        flip.toggle()
      }
      out +=
        "<g class=\"break\"><title>collapsed: \(hex(left.end)) to \(hex(right.start)) "
        + "(nothing there)</title><polyline points=\"\(points.joined(separator: " "))\"/></g>\n"
    }
  }

  private func drawBars(_ out: inout String) {
    let colours = nodeColours
    for bar in timeline.bars {
      let span = axis.span(start: bar.region.addr, length: bar.region.len)
      let top = rowMiddle(bar.start)
      let bottom = max(spanBottom(bar.end), top + 2)
      let colour = colours[bar.node] ?? "#555"
      let inset = bar.isBouncePool ? 0 : min(span.width * 0.2, 3)
      let how =
        bar.end == nil
        ? "still mapped at the end"
        : bar.droppedSilently
          ? "dropped without an unmap at line \(line(bar.end))"
          : (bar.isBouncePool ? "freed" : "unmapped") + " at line \(line(bar.end))"
      let what = bar.isBouncePool ? "bounce pool allocation" : "mapped region"
      out +=
        "<g class=\"\(bar.isBouncePool ? "pool" : "bar")\" data-node=\"\(Markup.escape(bar.node))\" "
        + "data-start=\"\(bar.start)\" data-end=\"\(bar.end.map(String.init) ?? "open")\">"
        + "<title>\(what) of \(Markup.escape(bar.node)): addr=\(CFormat.hex(bar.region.addr)) "
        + "len=\(CFormat.hex(bar.region.len)) fd=\(bar.region.fd) "
        + "fd-offset=\(CFormat.hex(bar.region.fdOffset))&#10;from line \(line(bar.start)): "
        + "\(Markup.escape(input(bar.start)))&#10;\(how)</title>"
        + "<rect x=\"\(Markup.number(plotX + span.x + inset))\" y=\"\(Markup.number(top))\" "
        + "width=\"\(Markup.number(max(span.width - 2 * inset, 1.5)))\" "
        + "height=\"\(Markup.number(bottom - top))\" "
        + (bar.isBouncePool
          ? "fill=\"url(#hatch)\" stroke=\"\(colour)\""
          : "fill=\"\(colour)\" stroke=\"\(colour)\"")
        + (bar.droppedSilently ? " stroke-dasharray=\"3 2\"" : "") + "/></g>\n"
    }
  }

  private func drawRequests(_ out: inout String) {
    for request in timeline.requests {
      let guest = axis.span(start: request.host, length: request.size)
      let x = plotX + guest.x + guest.width / 2
      let top = rowMiddle(request.start)
      let bottom = max(spanBottom(request.end), top + 3)
      let bounced = request.buffer?.bounce == true
      var tip =
        "request \(request.name) on \(request.node): guest buffer \(CFormat.hex(request.host)) "
        + "size \(CFormat.hex(request.size))"
      if let buffer = request.buffer {
        tip +=
          bounced
          ? ", bounced through \(CFormat.hex(buffer.addr))"
          : ", direct (the guest's own buffer)"
      }
      tip += "&#10;from line \(line(request.start)): \(Markup.escape(input(request.start)))"
      if !request.waits.isEmpty {
        tip += "&#10;waited for bounce space at line "
        tip += request.waits.map { String(line($0)) }.joined(separator: ", ")
      }
      tip +=
        request.end.map { "&#10;done at line \(line($0))" }
        ?? "&#10;still in flight at the end"
      out +=
        "<g class=\"request \(bounced ? "bounced" : "direct")\" "
        + "data-name=\"\(Markup.escape(request.name))\"><title>\(tip)</title>"
        + "<line x1=\"\(Markup.number(x))\" y1=\"\(Markup.number(top))\" x2=\"\(Markup.number(x))\" "
        + "y2=\"\(Markup.number(bottom))\"/>"
        + "<circle cx=\"\(Markup.number(x))\" cy=\"\(Markup.number(top))\" r=\"2.5\"/>"
      if let buffer = request.buffer, bounced, let submitted = request.submitted {
        let pool = axis.span(start: buffer.addr, length: buffer.len)
        out +=
          "<rect class=\"bounce-buffer\" x=\"\(Markup.number(plotX + pool.x))\" "
          + "y=\"\(Markup.number(rowMiddle(submitted) - 2))\" "
          + "width=\"\(Markup.number(pool.width))\" height=\"4\"/>"
      }
      for wait in request.waits {
        out +=
          "<circle class=\"wait\" cx=\"\(Markup.number(x))\" cy=\"\(Markup.number(rowMiddle(wait)))\" "
          + "r=\"3\"/>"
      }
      out += "</g>\n"
    }
  }

  private func drawMarks(_ out: inout String) {
    for mark in timeline.marks {
      let span = axis.span(start: mark.region.addr, length: mark.region.len)
      let x = plotX + span.x + span.width / 2
      let y = rowMiddle(mark.step)
      let what: String
      switch mark.kind {
      case .failed: what = "failed (\(mark.returned))"
      case .duplicate: what = "duplicate: the node had it mapped already"
      case .strayUnmap: what = "unmap of a region no node had mapped"
      }
      out +=
        "<g class=\"mark \(mark.kind.rawValue)\"><title>map addr=\(CFormat.hex(mark.region.addr)) "
        + "len=\(CFormat.hex(mark.region.len)) \(what)&#10;line \(line(mark.step)): "
        + "\(Markup.escape(input(mark.step)))</title>"
      switch mark.kind {
      case .failed:
        out +=
          "<path d=\"M\(Markup.number(x - 4)),\(Markup.number(y - 4))l8,8"
          + "M\(Markup.number(x + 4)),\(Markup.number(y - 4))l-8,8\"/>"
      case .duplicate:
        out +=
          "<path d=\"M\(Markup.number(x)),\(Markup.number(y - 5))l5,5l-5,5l-5,-5z\"/>"
      case .strayUnmap:
        out += "<circle cx=\"\(Markup.number(x))\" cy=\"\(Markup.number(y))\" r=\"4\"/>"
      }
      out += "</g>\n"
    }
  }

  private func drawSideLane(_ out: inout String) {
    let x = laneX + Self.laneWidth * 1.5
    for event in timeline.sideEvents {
      out +=
        "<g class=\"side \(event.isRefusal ? "refusal" : "event")\"><title>"
        + "\(Markup.escape(event.text))&#10;line \(line(event.step)): "
        + "\(Markup.escape(input(event.step)))</title><circle cx=\"\(Markup.number(x))\" "
        + "cy=\"\(Markup.number(rowMiddle(event.step)))\" r=\"\(min(4, rowHeight / 2 + 1))\"/></g>\n"
    }
  }

  private func drawHazards(_ out: inout String) {
    let x = laneX + Self.laneWidth / 2
    for mark in timeline.hazards {
      let code = mark.hazard.code
      let y = rowMiddle(mark.step)
      out +=
        "<a class=\"hazard\" href=\"\(Markup.escape(hazardPages))/\(code.rawValue).md\" "
        + "data-code=\"\(code.rawValue)\"><title>\(code.rawValue): "
        + "\(Markup.escape(code.summary))&#10;\(Markup.escape(mark.hazard.detail))&#10;"
        + "line \(line(mark.step)): \(Markup.escape(input(mark.step)))</title>"
        + "<path d=\"M\(Markup.number(x)),\(Markup.number(y - 6))l6,11h-12z\"/></a>\n"
    }
  }

  // MARK: - Text

  private func line(_ step: Int?) -> Int {
    guard let step, step < timeline.steps.count else { return timeline.lastLine }
    return timeline.steps[step].line
  }

  private func input(_ step: Int) -> String {
    step < timeline.steps.count ? timeline.steps[step].input : ""
  }

  private func hex(_ value: UInt128) -> String {
    value >= UInt128(1) << 64 ? "0x10000000000000000" : CFormat.hex(UInt64(value))
  }

  private func blockTitle(_ block: Timeline.BlockBand) -> String {
    let used = block.usedLengths.map { Markup.size($0.used) }.joined(separator: " → ")
    return "RAMBlock \(Markup.escape(block.name)): host=\(CFormat.hex(block.host)) "
      + "max=\(CFormat.hex(block.maxLength)) (\(Markup.size(block.maxLength))) used \(used) "
      + "fd=\(block.fd) file offset=\(CFormat.hex(block.fileOffset))&#10;added at line "
      + "\(line(block.start))" + (block.end.map { ", removed at line \(line($0))" } ?? "")
  }
}

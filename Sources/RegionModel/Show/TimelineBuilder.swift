/// Builds a ``Timeline`` input by input from a replay: the model's calls
/// after each input open and close the spans, and the model's state (which
/// blkio node holds which mapping, which RAMBlocks exist) says whose they
/// are and which ended without a call.
///
/// Only the first `limit` inputs are drawn; the rest are counted.
struct TimelineBuilder {
  private(set) var timeline: Timeline
  /// The most inputs drawn.
  let limit: Int
  /// Open block bands by RAMBlock serial.
  private var openBlocks: [UInt64: Int] = [:]
  /// Indices in `timeline.bars` of the bars still open, by region, oldest
  /// first.
  private var openBars: [MemRegion: [Int]] = [:]
  /// The open blkio nodes after the last input: a bar can only end without
  /// a call when this changes (`blkio_destroy()`).
  private var lastNodes: Set<String> = []
  /// Whether a bar of this input was opened for a region no node holds
  /// after it (a rollback), to be closed if no unmap did.
  private var mappedNowhere = false
  /// Open request spans by request name.
  private var openRequests: [String: Int] = [:]

  init(variant: DriverVariant, limit: Int) {
    timeline = Timeline(variant: variant)
    self.limit = limit
  }

  /// Takes in the input the replayer has just applied, from line `line`.
  mutating func observe(
    _ replayer: inout TraceReplayer, line: Int, text: UnsafeBufferPointer<UInt8>
  ) {
    timeline.totalInputs += 1
    timeline.lastLine = line
    let hazards = replayer.drainHazards()
    guard timeline.steps.count < limit else {
      timeline.hazardsLeftOut += hazards.count
      return
    }
    let step = timeline.steps.count
    let input = TraceChecker.trimmed(text)
    let outputs = Self.lines(of: replayer.outputs)
    timeline.steps.append(Timeline.Step(line: line, input: input, outputs: outputs))
    let simulation = replayer.simulation
    let word = input.prefix { $0 != " " }
    if word == "ramblock" { diffBlocks(simulation.ram, step: step) }
    let nodes = Dictionary(
      uniqueKeysWithValues: simulation.blkioNodeNames.compactMap { name in
        simulation.blkioNode(named: name).map { (name, $0.blkio) }
      })
    for (index, call) in replayer.log.calls.enumerated() {
      let text = index < outputs.count ? outputs[index] : ""
      take(call, text: text, step: step, nodes: nodes, simulation: simulation, input: input)
    }
    let nodeNames = Set(nodes.keys)
    if nodeNames != lastNodes || word == "close" || word == "open" || mappedNowhere {
      closeDropped(step: step, nodes: nodes)
      lastNodes = nodeNames
      mappedNowhere = false
    }
    if let result = replayer.result, case .error(let message) = result,
      ["discard", "virtio-mem", "balloon", "vfio"].contains(word)
    {
      timeline.sideEvents.append(
        Timeline.SideEvent(step: step, text: "\(input): \(message)", isRefusal: true))
    }
    for hazard in hazards {
      timeline.hazards.append(Timeline.HazardMark(step: step, hazard: hazard))
    }
  }

  /// The lines of an input's rendered outputs.
  static func lines(of outputs: OutputLines) -> [String] {
    outputs.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      .dropLast().map { String(decoding: $0, as: UTF8.self) }
  }

  // MARK: - RAMBlocks

  private mutating func diffBlocks(_ ram: RAMMap, step: Int) {
    var present: Set<UInt64> = []
    for block in ram.blocksByHost {
      present.insert(block.serial)
      if let index = openBlocks[block.serial] {
        if timeline.blocks[index].usedLengths.last?.used != block.usedLength {
          timeline.blocks[index].usedLengths.append(
            Timeline.UsedLength(step: step, used: block.usedLength))
        }
        continue
      }
      openBlocks[block.serial] = timeline.blocks.count
      timeline.blocks.append(
        Timeline.BlockBand(
          name: block.name, host: block.host, maxLength: block.maxLength, fd: block.fd,
          fileOffset: block.fileOffset, start: step, end: nil,
          usedLengths: [Timeline.UsedLength(step: step, used: block.usedLength)]))
    }
    for (serial, index) in openBlocks where !present.contains(serial) {
      timeline.blocks[index].end = step
      openBlocks[serial] = nil
    }
  }

  // MARK: - Calls

  private mutating func take(
    _ call: CallRecord, text: String, step: Int, nodes: [String: FakeBlkio],
    simulation: Simulation, input: String
  ) {
    switch call {
    case .map(let region, let ret):
      guard !ret.failed else {
        // A refused map of a region a node has mapped is a duplicate.
        let duplicate = openBars[region]?.contains { !timeline.bars[$0].isBouncePool } == true
        timeline.marks.append(
          Timeline.MapMark(
            kind: duplicate ? .duplicate : .failed, region: region, returned: ret, step: step))
        return
      }
      let holders = nodes.keys.sorted().filter { nodes[$0]?.mapped.contains(region) == true }
      if let node = holders.first(where: { !isOpen(node: $0, region: region, pool: false) }) {
        openBar(node: node, region: region, pool: false, step: step)
      } else if !holders.isEmpty {
        timeline.marks.append(
          Timeline.MapMark(kind: .duplicate, region: region, returned: ret, step: step))
      } else {
        // Mapped and unmapped again within the input (a rollback): a bar
        // of one step, on the node the input names when it names one; the
        // unmap later in the step closes it.
        let node = Self.nodeNamed(in: input, among: nodes) ?? Self.rolledBack
        openBar(node: node, region: region, pool: false, step: step)
        mappedNowhere = true
      }
    case .unmap(let region):
      closeBar(region: region, pool: false, step: step, nodes: nodes, silently: false)
    case .alloc(let region, let ret):
      guard !ret.failed else {
        timeline.marks.append(
          Timeline.MapMark(kind: .failed, region: region, returned: ret, step: step))
        return
      }
      let node =
        nodes.keys.sorted().first { nodes[$0]?.allocatedRegions.contains(region) == true }
        ?? Self.nodeNamed(in: input, among: nodes) ?? Self.rolledBack
      openBar(node: node, region: region, pool: true, step: step)
    case .free(let region):
      closeBar(region: region, pool: true, step: step, nodes: nodes, silently: false)
    case .submit(let request, let node, let buffer):
      let index = requestSpan(
        request, node: node, buffer: buffer, step: step, simulation: simulation)
      timeline.requests[index].buffer = buffer
      timeline.requests[index].submitted = step
    case .wait(let request, let node):
      let index = requestSpan(request, node: node, buffer: nil, step: step, simulation: simulation)
      timeline.requests[index].waits.append(step)
    case .done(let request, _):
      let name = simulation.names.string(request, in: .request)
      if let index = openRequests.removeValue(forKey: name) {
        timeline.requests[index].end = step
      }
    case .discardDisable(let ret), .uncoordinatedDiscardDisable(let ret):
      timeline.sideEvents.append(
        Timeline.SideEvent(step: step, text: text, isRefusal: ret.failed))
    case .discardEnable, .uncoordinatedDiscardEnable, .discardRange:
      timeline.sideEvents.append(Timeline.SideEvent(step: step, text: text, isRefusal: false))
    case .report, .fault:
      timeline.sideEvents.append(Timeline.SideEvent(step: step, text: text, isRefusal: true))
    }
  }

  /// The node of a bar whose node the model's state no longer shows.
  static let rolledBack = "(rolled back)"

  /// The second word of `input` when it names an open blkio node
  /// (`register NODE …`, `open NODE …`).
  static func nodeNamed(in input: String, among nodes: [String: FakeBlkio]) -> String? {
    let words = input.split(separator: " ")
    guard words.count > 1, nodes[String(words[1])] != nil else { return nil }
    return String(words[1])
  }

  private func isOpen(node: String, region: MemRegion, pool: Bool) -> Bool {
    openBars[region]?.contains { index in
      timeline.bars[index].node == node && timeline.bars[index].isBouncePool == pool
    } == true
  }

  /// The index of the span of `request`, opened at `step` when the request
  /// is new, at its guest buffer (or at `buffer` if the model has already
  /// forgotten the request).
  private mutating func requestSpan(
    _ request: NameID, node: NameID, buffer: IOBuffer?, step: Int, simulation: Simulation
  ) -> Int {
    let name = simulation.names.string(request, in: .request)
    if let index = openRequests[name] { return index }
    let guest = simulation.namedRequests.first { $0.name == name }?.request
    openRequests[name] = timeline.requests.count
    timeline.requests.append(
      Timeline.RequestSpan(
        name: name, node: simulation.names.string(node, in: .node),
        host: guest?.host ?? buffer?.addr ?? 0, size: guest?.size ?? buffer?.len ?? 0,
        buffer: nil, start: step, submitted: nil, end: nil, waits: []))
    return timeline.requests.count - 1
  }

  private mutating func openBar(node: String, region: MemRegion, pool: Bool, step: Int) {
    openBars[region, default: []].append(timeline.bars.count)
    timeline.bars.append(
      Timeline.RegionBar(
        node: node, region: region, isBouncePool: pool, start: step, end: nil,
        droppedSilently: false))
  }

  /// Ends the open bar of `region` whose node no longer holds it (the first
  /// open one if every holder still does); an unmap of a region no bar
  /// holds is marked.
  private mutating func closeBar(
    region: MemRegion, pool: Bool, step: Int, nodes: [String: FakeBlkio], silently: Bool
  ) {
    let open = openBars[region] ?? []
    let candidates = open.indices.filter { timeline.bars[open[$0]].isBouncePool == pool }
    guard !candidates.isEmpty else {
      if !pool {
        timeline.marks.append(
          Timeline.MapMark(kind: .strayUnmap, region: region, returned: .success, step: step))
      }
      return
    }
    let position =
      candidates.first { position in
        let bar = timeline.bars[open[position]]
        return !Self.holds(nodes[bar.node], region, pool: pool)
      } ?? candidates[0]
    timeline.bars[open[position]].end = step
    timeline.bars[open[position]].droppedSilently = silently
    openBars[region]?.remove(at: position)
    if openBars[region]?.isEmpty == true { openBars[region] = nil }
  }

  /// Ends the bars whose node was closed or no longer holds the region
  /// without a call (`blkio_destroy()`).
  private mutating func closeDropped(step: Int, nodes: [String: FakeBlkio]) {
    for (region, indices) in openBars {
      let kept = indices.filter { index in
        let bar = timeline.bars[index]
        guard !Self.holds(nodes[bar.node], bar.region, pool: bar.isBouncePool) else { return true }
        timeline.bars[index].end = step
        timeline.bars[index].droppedSilently = true
        return false
      }
      openBars[region] = kept.isEmpty ? nil : kept
    }
  }

  private static func holds(_ blkio: FakeBlkio?, _ region: MemRegion, pool: Bool) -> Bool {
    guard let blkio else { return false }
    return pool ? blkio.allocatedRegions.contains(region) : blkio.mapped.contains(region)
  }
}

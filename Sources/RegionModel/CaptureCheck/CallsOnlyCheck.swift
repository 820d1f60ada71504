/// `regionsim check --calls-only CAPTURE --ram TRACE`: replays what the
/// capture says happened (the RAM map, each `struct blkio` opened with the
/// properties it reported, the events appended to the capture, and what
/// must be assumed where the capture is silent) through the model, and
/// compares the model's `blkio_map_mem_region()` and
/// `blkio_unmap_mem_region()` calls with the captured ones, in order.
public enum CallsOnlyCheck {
  /// What a first pass over a capture learns before the check: the
  /// RAMBlock names that `event ramblock add` lines add (the RAM trace's
  /// blocks of those names are held back until their event), and what the
  /// open sequences say of the QEMU release.
  public static func survey(_ source: some ByteSource) throws(TraceFailure) -> CaptureSurvey {
    var reader = CaptureReader(source: source)
    var survey = CaptureSurvey()
    var release = ReleaseEvidence()
    while let (line, parsed, _) = try reader.next() {
      switch parsed {
      case .event(let text):
        switch try CallsOnlyChecker.parseEvent(text, line: line) {
        case .addHeldBlock(let name), .input(.ramblockAdd(let name, _, _, _, _, _, _)):
          survey.heldBack.insert(name)
        case .input: continue
        }
      case .record(let record): release.note(record.call, line: line)
      case .nothing, .header: continue
      }
    }
    survey.release = release.hint
    return survey
  }

  /// Checks the capture in `source` against the model under `variant`,
  /// after the inputs of `ram` (the blocks in `heldBack` wait for their
  /// events). Each assumption goes to `assumed` as it is made.
  public static func run(
    capture source: some ByteSource, ram: RAMTraceInputs, heldBack: Set<String>,
    variant: DriverVariant, assumed: (CaptureAssumption) -> Void
  ) -> CallsOnlyOutcome {
    var checker = CallsOnlyChecker(variant: variant)
    var reader = CaptureReader(source: source)
    do throws(CallsOnlyChecker.Stop) {
      try checker.applyRAMTrace(ram, heldBack: heldBack)
      while let (line, parsed, text) = try checker.read(&reader) {
        try checker.take(parsed, line: line, text: text, assumed: assumed)
      }
      try checker.finish(lastLine: reader.lineNumber)
    } catch {
      switch error {
      case .mismatch(let mismatch): return .mismatch(mismatch, checker.statistics)
      case .invalid(let failure): return .invalidCapture(failure)
      }
    }
    return .passed(checker.statistics)
  }
}

/// The state of one calls-only check (see ``CallsOnlyCheck``).
struct CallsOnlyChecker {
  /// Why a check stops early.
  enum Stop: Error {
    case mismatch(CallsMismatch)
    case invalid(TraceFailure)
  }

  /// A call the model made that the capture has yet to show, and the input
  /// that made it.
  struct PendingCall: Sendable {
    var call: Call
    var cause: String
  }

  var simulation: Simulation
  var statistics = CallsOnlyStatistics()
  private var instances: [UInt64: CapturedInstance] = [:]
  private var pending = Deque<PendingCall>()
  private var heldBlocks: [String: TraceInput] = [:]
  private var sawHeader = false

  init(variant: DriverVariant) {
    simulation = Simulation(variant: variant, watchesHazards: false)
  }

  mutating func read<Source: ByteSource>(_ reader: inout CaptureReader<Source>) throws(Stop)
    -> (Int, CaptureLine, String)?
  {
    do throws(TraceFailure) {
      return try reader.next()
    } catch {
      throw .invalid(error)
    }
  }

  /// Applies the RAM trace's inputs; the model's calls for them are not
  /// compared (the capture starts after them).
  mutating func applyRAMTrace(_ ram: RAMTraceInputs, heldBack: Set<String>) throws(Stop) {
    for (line, input) in ram.inputs {
      if case .ramblockAdd(let name, _, _, _, _, _, _) = input, heldBack.contains(name) {
        heldBlocks[name] = input
        continue
      }
      do throws(SimulationError) {
        _ = try simulation.apply(input)
      } catch {
        throw .invalid(
          .invalid(
            TraceError(
              line: line,
              message:
                "in the RAM trace (--ram): '\(CanonicalForm.line(input))': \(error.description)")))
      }
    }
  }

  // MARK: Lines

  mutating func take(
    _ parsed: CaptureLine, line: Int, text: String, assumed: (CaptureAssumption) -> Void
  ) throws(Stop) {
    switch parsed {
    case .nothing: return
    case .header:
      guard !sawHeader else {
        throw invalid(
          line,
          "a second 'regionsim-capture' header: another process wrote here; capture each QEMU "
            + "process into a file of its own")
      }
      sawHeader = true
    case .event(let input):
      try requireHeader(line)
      try expectNoPending(line: line, captured: "event " + input)
      let parsedInput = try Self.resolve(input, held: &heldBlocks, line: line)
      statistics.events += 1
      _ = try apply(
        parsedInput, line: line,
        cause: "'\(CanonicalForm.line(parsedInput))' (event at line \(line))")
    case .record(let record):
      try requireHeader(line)
      statistics.records += 1
      try take(record, line: line, text: text, assumed: assumed)
    }
  }

  private mutating func take(
    _ record: CaptureRecord, line: Int, text: String, assumed: (CaptureAssumption) -> Void
  ) throws(Stop) {
    switch record.call {
    case .create(let driver, let ret, let handle):
      guard ret == 0, handle != 0 else { return }
      if let live = instances[handle] {
        throw invalid(
          line,
          "blkio_create() gave \(CFormat.hex(handle)), the handle of the instance created "
            + "at line \(live.createdAt), which was not destroyed")
      }
      statistics.instances += 1
      instances[handle] = CapturedInstance(
        number: statistics.instances, driver: driver, createdAt: line)
    case .connect(let handle, let ret):
      try withInstance(handle, line) { $0.connected = ret == 0 }
    case .get(let handle, _, let name, let ret, let value):
      try withInstance(handle, line) { instance in
        if !instance.startCalled { instance.note(read: name, ret: ret, value: value) }
      }
    case .set(let handle, _, let name, let value, let ret):
      try withInstance(handle, line) { $0.note(written: name, value: value, ret: ret) }
    case .start(let handle, let ret):
      try start(handle, ret: ret, line: line, assumed: assumed)
    case .map(let handle, let region, let ret):
      let instance = try self.instance(handle, line)
      guard !setAside(region, of: instance) else { return }
      if pending.isEmpty, instance.openInModel, !instance.backendAdded {
        try attachRegistrar(handle, line: line, assumed: assumed)
      }
      try compare(.map(region, ret), line: line, text: text)
      statistics.mapsChecked += 1
    case .unmap(let handle, let region):
      let instance = try self.instance(handle, line)
      guard !setAside(region, of: instance) else { return }
      if pending.isEmpty, instance.backendAdded, !instance.registrarDestroyed {
        try destroyRegistrar(handle, line: line, assumed: assumed)
      }
      try compare(.unmap(region), line: line, text: text)
      statistics.unmapsChecked += 1
    case .alloc(let handle, _, let ret, let region):
      try withInstance(handle, line) { instance in
        if ret == 0, let region { instance.allocated.insert(region) }
      }
      statistics.bouncePoolCalls += 1
    case .free(let handle, let region):
      try withInstance(handle, line) { instance in
        if let region { instance.allocated.remove(region) }
      }
      statistics.bouncePoolCalls += 1
    case .destroy(let handle):
      try destroy(handle, line: line, text: text, assumed: assumed)
    }
  }

  /// Whether a map or unmap is of the bounce pool (memory
  /// `blkio_alloc_mem_region()` gave the instance), which guest I/O the
  /// capture cannot see causes: counted, not compared.
  private mutating func setAside(_ region: CaptureRegion?, of instance: CapturedInstance) -> Bool {
    guard let region, instance.allocated.contains(region) else { return false }
    statistics.bouncePoolCalls += 1
    return true
  }

  // MARK: The life of an instance

  /// `blkio_start()` ends the open: the model opens the node with what the
  /// capture read. Models the end of `blkio_open()` (`blkio_file_open()`
  /// before QEMU 9.1).
  private mutating func start(
    _ handle: UInt64, ret: Int32, line: Int, assumed: (CaptureAssumption) -> Void
  ) throws(Stop) {
    var instance = try self.instance(handle, line)
    guard !instance.startCalled else { return }
    instance.startCalled = true
    defer { instances[handle] = instance }
    guard let driver = BlkioDriverName(rawValue: instance.driver) else {
      throw invalid(
        line,
        "driver '\(PrintableText.of(instance.driver))' (created at line \(instance.createdAt)) is "
          + "not one the model knows"
          + ClosestName.hint(instance.driver, among: BlkioDriverName.allCases.map(\.rawValue)))
    }
    var overrides = instance.overrides
    if ret < 0 { overrides.append(.start(fails: true)) }
    let input = TraceInput.open(node: instance.node, driver: driver, overrides: overrides)
    assumed(
      CaptureAssumption(
        line: line,
        text: "blkio_create() at line \(instance.createdAt) to blkio_start() here is QEMU's open "
          + "of a blkio node, given to the model as '\(CanonicalForm.line(input))'"))
    let output = try apply(
      input, line: line, cause: "'\(CanonicalForm.line(input))' (line \(line))")
    switch (output.result, ret == 0) {
    case (.error(let message)?, true):
      throw .mismatch(
        CallsMismatch(
          line: line, captured: "start ret=0", model: "> error \(message)",
          cause: "'\(CanonicalForm.line(input))'",
          hint: "the model's open fails where blkio_start() succeeded"))
    case (.ok?, false):
      throw .mismatch(
        CallsMismatch(
          line: line, captured: "start ret=\(ret)", model: "> ok",
          cause: "'\(CanonicalForm.line(input))'",
          hint: "blkio_start() failed where the model's open succeeds"))
    default:
      instance.openInModel = output.result == .ok
    }
  }

  /// The first map of guest memory on an instance: the checker assumes a
  /// virtio-blk device's BlockBackend over the node, whose RAM registrar
  /// (`blk_ram_registrar_init()`) registers every RAMBlock now.
  private mutating func attachRegistrar(
    _ handle: UInt64, line: Int, assumed: (CaptureAssumption) -> Void
  ) throws(Stop) {
    guard var instance = instances[handle] else { return }
    instance.backendAdded = true
    instances[handle] = instance
    try assume(
      [
        .backendAdd(backend: instance.backend, root: instance.node),
        .registrarAttach(backend: instance.backend),
      ], line: line,
      why: "the first map on \(instance.node) is its device's RAM registrar attaching "
        + "(blk_ram_registrar_init())", assumed: assumed)
  }

  /// An unmap of guest memory that no event explains: the checker assumes
  /// the device was removed, whose registrar (`blk_ram_registrar_destroy()`)
  /// unregisters every RAMBlock.
  private mutating func destroyRegistrar(
    _ handle: UInt64, line: Int, assumed: (CaptureAssumption) -> Void
  ) throws(Stop) {
    guard var instance = instances[handle] else { return }
    instance.registrarDestroyed = true
    instances[handle] = instance
    try assume(
      [.registrarDestroy(backend: instance.backend)], line: line,
      why: "an unmap on \(instance.node) that no event explains is its device being removed "
        + "(device_del: blk_ram_registrar_destroy())",
      then: "; if a RAMBlock was unplugged here, append 'event ramblock remove NAME' before it",
      assumed: assumed)
  }

  /// `blkio_destroy()`: QEMU closing the node (`blkio_close()`), after the
  /// BlockBackend let go of it; every call the model owed must have come.
  private mutating func destroy(
    _ handle: UInt64, line: Int, text: String, assumed: (CaptureAssumption) -> Void
  ) throws(Stop) {
    try expectNoPending(line: line, captured: text)
    guard handle != 0 else { return }
    let instance = try self.instance(handle, line)
    instances[handle] = nil
    var inputs: [TraceInput] = []
    if instance.backendAdded { inputs.append(.backendDetach(backend: instance.backend)) }
    if instance.openInModel { inputs.append(.close(node: instance.node)) }
    guard !inputs.isEmpty else { return }
    try assume(
      inputs, line: line,
      why: "blkio_destroy() is QEMU closing \(instance.node) ("
        + (instance.registrarDestroyed ? "after the device's removal" : "bdrv_close_all() at exit")
        + ")", assumed: assumed)
  }

  /// Gives the model inputs the capture does not show, saying so: `why`,
  /// the inputs, then `then`.
  private mutating func assume(
    _ inputs: [TraceInput], line: Int, why: String, then: String = "",
    assumed: (CaptureAssumption) -> Void
  ) throws(Stop) {
    assumed(
      CaptureAssumption(
        line: line,
        text: why + ": " + inputs.map { "'\(CanonicalForm.line($0))'" }.joined(separator: ", ")
          + then))
    for input in inputs {
      _ = try apply(
        input, line: line, cause: "'\(CanonicalForm.line(input))' (assumed at line \(line))")
    }
  }

  /// At the end, nothing the model did may be missing.
  mutating func finish(lastLine: Int) throws(Stop) {
    guard sawHeader else {
      throw invalid(max(lastLine, 1), "not a capture: no 'regionsim-capture 1' header")
    }
    try expectNoPending(line: lastLine, captured: nil)
  }

  // MARK: Comparing

  private mutating func apply(_ input: TraceInput, line: Int, cause: String) throws(Stop)
    -> StepOutput
  {
    let output: StepOutput
    do throws(SimulationError) {
      output = try simulation.apply(input)
    } catch {
      throw invalid(line, "the model cannot take \(cause): \(error.description)")
    }
    for call in output.calls {
      switch call {
      case .map, .unmap: pending.append(PendingCall(call: call, cause: cause))
      default: continue
      }
    }
    return output
  }

  /// Compares the capture's map or unmap with the model's next call.
  private mutating func compare(_ captured: CapturedCall, line: Int, text: String) throws(Stop) {
    guard let next = pending.popFirst() else {
      throw .mismatch(
        CallsMismatch(
          line: line, captured: captured.display(raw: text), model: nil, cause: nil,
          hint: "no input explains this call: if a RAMBlock was plugged here, append "
            + "'event ramblock add NAME' to the capture before it"))
    }
    guard captured.matches(next.call) else {
      throw .mismatch(
        CallsMismatch(
          line: line, captured: captured.display(raw: text),
          model: CanonicalForm.line(.call(next.call)), cause: next.cause,
          hint: captured.difference(from: next.call)))
    }
  }

  private func expectNoPending(line: Int, captured: String?) throws(Stop) {
    guard let next = pending.first else { return }
    throw .mismatch(
      CallsMismatch(
        line: line, captured: captured, model: CanonicalForm.line(.call(next.call)),
        cause: next.cause, hint: "the capture is missing the model's call"))
  }

  // MARK: Helpers

  private func requireHeader(_ line: Int) throws(Stop) {
    guard sawHeader else {
      throw invalid(line, "a record before the 'regionsim-capture 1' header")
    }
  }

  private func instance(_ handle: UInt64, _ line: Int) throws(Stop) -> CapturedInstance {
    guard let instance = instances[handle] else {
      throw invalid(
        line, "handle \(CFormat.hex(handle)) is not one a blkio_create() above returned")
    }
    return instance
  }

  private mutating func withInstance(
    _ handle: UInt64, _ line: Int, _ body: (inout CapturedInstance) -> Void
  ) throws(Stop) {
    var instance = try self.instance(handle, line)
    body(&instance)
    instances[handle] = instance
  }

  private func invalid(_ line: Int, _ message: String) -> Stop {
    .invalid(.invalid(TraceError(line: line, message: message)))
  }

  /// The event of an event line.
  static func parseEvent(_ text: String, line: Int) throws(TraceFailure) -> CaptureEvent {
    // `ramblock add NAME` alone names a block of the RAM trace.
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
    if words.count == 3, words[0] == "ramblock", words[1] == "add" {
      return .addHeldBlock(String(words[2]))
    }
    let parsed: TraceLine
    do throws(TraceSyntaxError) {
      var bytes = Array(text.utf8)
      parsed = try bytes.withUnsafeMutableBufferPointer { buffer throws(TraceSyntaxError) in
        try TraceLineParser.parse(UnsafeBufferPointer(buffer))
      }
    } catch {
      throw .invalid(TraceError(line: line, message: "event: \(error.message)"))
    }
    guard case .input(let input) = parsed else {
      throw .invalid(
        TraceError(line: line, message: "event: '\(PrintableText.of(text))' is not a trace input"))
    }
    return .input(input)
  }

  /// The input an event stands for: a held block's record, or the event's
  /// own input.
  private static func resolve(
    _ text: String, held: inout [String: TraceInput], line: Int
  ) throws(Stop) -> TraceInput {
    let event: CaptureEvent
    do throws(TraceFailure) {
      event = try parseEvent(text, line: line)
    } catch {
      throw .invalid(error)
    }
    switch event {
    case .input(let input):
      if case .ramblockAdd(let name, _, _, _, _, _, _) = input { held[name] = nil }
      return input
    case .addHeldBlock(let name):
      guard let block = held.removeValue(forKey: name) else {
        throw .invalid(
          .invalid(
            TraceError(
              line: line,
              message: "event: the RAM trace (--ram) has no block '\(PrintableText.of(name))' "
                + "left to add; give it in full: event ramblock add \(name) host=ADDR max=LEN fd=FD"
            )))
      }
      return block
    }
  }
}

/// What an `event` line of a capture says happened.
enum CaptureEvent {
  /// `ramblock add NAME`: the RAM trace's block of that name appears now.
  case addHeldBlock(String)
  /// Any other input of the trace format.
  case input(TraceInput)
}

/// Replays a trace line by line: parses each input, enforces the trace's
/// structure (the header first, no output before the first input, at most
/// one variant pin, before the first input) and runs each input through a
/// ``Simulation``.
///
/// This is the first half of the one-way flow, shared by `check`, `record`
/// and `hazards`: trace text → records → model. Output lines are only
/// classified here; parsing them is left to the consumer, which for `check`
/// compares their bytes with ``outputs`` first.
public struct TraceReplayer: Sendable {
  /// What a line turned out to be.
  public enum Line: Sendable {
    /// A blank line, a comment, a variant pin or the header.
    case nothing
    /// An input, applied: its outputs are in ``TraceReplayer/outputs``.
    case input
    /// An output line; its record starts after the `>` at this index.
    case output(recordStart: Int)
  }

  /// The model the inputs are applied to.
  public private(set) var simulation: Simulation
  /// Whether the header has been read.
  public private(set) var sawHeader: Bool
  /// Whether a variant pin has been read.
  public private(set) var sawPin: Bool
  /// How many inputs have been replayed.
  public private(set) var inputCount: Int
  /// How many output lines have been read.
  public private(set) var outputCount: Int
  /// The last input's calls, names as ids (a checker may swap them out).
  public internal(set) var log: CallLog
  /// The last input's result, if it yields one (a checker may swap it
  /// out).
  public internal(set) var result: Outcome?
  /// The last input's outputs in canonical form.
  public internal(set) var outputs: OutputLines
  /// The last output line's record, when it is in canonical form and of a
  /// kind ``QuickOutput`` reads.
  var quickOutput: QuickOutput
  private let watchesHazards: Bool
  /// Whether ``outputs`` are rendered: a hazard scan never reads them.
  private let rendersOutputs: Bool

  /// Whether `variant` wins over the trace's own pin (which is still
  /// checked): `show --compare` draws the trace under the variant asked for.
  public var overridesPin: Bool

  /// A replayer at the start of a trace running `variant` unless the trace
  /// pins another; `watchesHazards` says whether the model looks for hazards,
  /// `rendersOutputs` whether each input's outputs are written into
  /// ``outputs`` (else they stay empty).
  public init(
    variant: DriverVariant = .seed, watchesHazards: Bool = false, rendersOutputs: Bool = true
  ) {
    simulation = Simulation(variant: variant, watchesHazards: watchesHazards)
    sawHeader = false
    sawPin = false
    inputCount = 0
    outputCount = 0
    log = CallLog()
    result = nil
    outputs = OutputLines()
    quickOutput = .none
    self.watchesHazards = watchesHazards
    self.rendersOutputs = rendersOutputs
    overridesPin = false
  }
}

// MARK: - Replaying

extension TraceReplayer {
  /// Replays line `number`, whose bytes are `line`.
  public mutating func step(
    _ line: UnsafeBufferPointer<UInt8>, number: Int
  ) throws(TraceError) -> Line {
    var others: [TraceInputOf<NameSpan>] = []
    let preparsed = PreparsedLine.classify(line, others: &others)
    return try others.withUnsafeBufferPointer { (others) throws(TraceError) -> Line in
      try step(line, number: number, preparsed: preparsed, others: others)
    }
  }

  /// Replays line `number`, whose bytes are `line` and which
  /// ``PreparsedLine/classify(_:others:)`` sorted as `preparsed` (maybe on
  /// another thread, ahead of the model), its rarer inputs in `others`.
  mutating func step(
    _ line: UnsafeBufferPointer<UInt8>, number: Int, preparsed: PreparsedLine,
    others: ReadAheadLines.Others
  ) throws(TraceError) -> Line {
    switch preparsed {
    case .blank:
      return .nothing
    case .output(let recordStart, let quick):
      try requireHeader(number)
      guard inputCount > 0 else {
        throw TraceError(line: number, message: "an output line before the first input")
      }
      outputCount += 1
      quickOutput = quick
      return .output(recordStart: Int(recordStart))
    case .hot(let spans):
      // The inputs a large trace is made of go to the model without a
      // `TraceLineOf` around them, the commonest as a `HotInput` (see there).
      simulation.flushReleasedNames()
      let input = spans.resolved(in: line, names: &simulation.names)
      try requireHeader(number)
      log.removeAll()
      do {
        result = try simulation.applyHot(input, log: &log)
      } catch {
        throw TraceError(line: number, message: error.description)
      }
      return applied()
    case .other(let index):
      simulation.flushReleasedNames()
      let input = others[Int(index)].resolved(in: line, names: &simulation.names)
      return try apply(input, number: number)
    case .general:
      simulation.flushReleasedNames()
    }
    let parsed: TraceLineOf<NameID>
    do {
      parsed = try TraceLineParser.parse(line, names: &simulation.names)
    } catch {
      throw TraceError(line: number, message: error.message)
    }
    switch parsed {
    case .nothing:
      return .nothing
    case .variantPin(let variant):
      guard inputCount == 0 else {
        throw TraceError(line: number, message: "a variant pin must come before the first input")
      }
      guard !sawPin else {
        throw TraceError(line: number, message: "a second variant pin; a trace pins one variant")
      }
      sawPin = true
      guard !overridesPin else { return .nothing }
      let names = simulation.names
      simulation = Simulation(variant: variant, watchesHazards: watchesHazards)
      simulation.names = names
      return .nothing
    case .header:
      guard !sawHeader else {
        throw TraceError(line: number, message: "a second 'blkio-trace' header")
      }
      sawHeader = true
      return .nothing
    case .input(let input):
      return try apply(input, number: number)
    case .output:
      // Output lines are classified above and never reach the parser here.
      return .nothing
    }
  }

  /// Applies the input of line `number` and renders its outputs.
  private mutating func apply(_ input: InputRecord, number: Int) throws(TraceError) -> Line {
    try requireHeader(number)
    log.removeAll()
    do {
      result = try simulation.apply(input, log: &log)
    } catch {
      throw TraceError(line: number, message: error.description)
    }
    return applied()
  }

  /// Counts the input just applied and renders its outputs.
  private mutating func applied() -> Line {
    inputCount += 1
    guard rendersOutputs else { return .input }
    // `outputs`, the log and the names are distinct stored properties of
    // `self`, so the names and the log are read in place while `outputs`
    // changes (a local swapped in and out, as before, cost a copy of each
    // buffer's header and a retain and release per input).
    outputs.render(calls: log.calls, result: result, names: simulation.names)
    return .input
  }

  /// Hands over the hazards the last input showed (none unless watched).
  public mutating func drainHazards() -> [Hazard] {
    simulation.hazards?.drain() ?? []
  }

  /// Calls `body` with each hazard the last input showed, its detail as
  /// bytes (valid during the call only), and forgets them.
  mutating func drainHazards(_ body: (HazardCode, UnsafeBufferPointer<UInt8>) -> Void) {
    simulation.hazards?.drain(body)
  }

  /// Checks the end of the trace: it must at least have had its header.
  public func finish(lastLine: Int) throws(TraceError) {
    if !sawHeader {
      throw TraceError(
        line: max(lastLine, 1), message: "the trace ends without its header 'blkio-trace 1'")
    }
  }

  private func requireHeader(_ number: Int) throws(TraceError) {
    if !sawHeader {
      throw TraceError(
        line: number,
        message: "the first line that is not blank or a comment must be 'blkio-trace 1'")
    }
  }
}

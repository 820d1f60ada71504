/// Replays a trace line by line: parses each line, enforces the trace's
/// structure (the header first, no output before the first input) and runs
/// each input through a ``Simulation``.
///
/// This is the first half of the one-way flow, shared by `check` and
/// `record`: trace text → records → model. What is done with the model's
/// output is their concern.
public struct TraceReplayer: Sendable {
  /// The model the inputs are applied to.
  public private(set) var simulation: Simulation
  /// Whether the header has been read.
  public private(set) var sawHeader: Bool
  /// How many inputs have been replayed.
  public private(set) var inputCount: Int
  /// How many output lines have been read.
  public private(set) var outputCount: Int
  private var log: CallLog

  /// A replayer at the start of a trace running `variant` unless the trace
  /// pins another; `watchesHazards` says whether the model looks for hazards
  /// (see ``CallLog/watchesHazards``).
  public init(variant: DriverVariant = .seed, watchesHazards: Bool = false) {
    simulation = Simulation(variant: variant)
    sawHeader = false
    inputCount = 0
    outputCount = 0
    log = CallLog(watchesHazards: watchesHazards)
  }
}

// MARK: - Replaying

extension TraceReplayer {
  /// Replays line `number`, whose bytes are `line`.
  public mutating func step(
    _ line: UnsafeBufferPointer<UInt8>, number: Int
  ) throws(TraceError) -> ReplayStep {
    let parsed: TraceLine
    do {
      parsed = try TraceLineParser.parse(line)
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
      simulation = Simulation(variant: variant)
      return .nothing
    case .header:
      guard !sawHeader else {
        throw TraceError(line: number, message: "a second 'blkio-trace' header")
      }
      sawHeader = true
      return .nothing
    case .input(let input):
      try requireHeader(number)
      log.removeAll()
      let result: Outcome?
      do {
        result = try simulation.apply(input, log: &log)
      } catch {
        throw TraceError(line: number, message: error.description)
      }
      inputCount += 1
      return .input(input, StepOutput(calls: log.calls, result: result, hazards: log.hazards))
    case .output(let record):
      try requireHeader(number)
      guard inputCount > 0 else {
        throw TraceError(line: number, message: "an output line before the first input")
      }
      outputCount += 1
      return .output(record)
    }
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

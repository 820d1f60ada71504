/// Reads a trace as a stream and replays it line by line: the shared first
/// half of `check`, `record` and `hazards` (trace text → records → model).
public enum TraceStream {
  /// How far a replay got.
  public struct Summary: Hashable, Sendable {
    /// The number of lines read.
    public var lines: Int
    /// The number of inputs replayed.
    public var inputs: Int
    /// The variant the trace ran under (its pin, or the one asked for).
    public var variant: DriverVariant
  }

  /// Replays every line of `source`, handing each replayed line to
  /// `consume` with the replayer (whose ``TraceReplayer/outputs`` hold an
  /// input's outputs), the line's number and its bytes (valid only during
  /// the call). `consume` may end the replay by throwing. Without
  /// `rendersOutputs` the replayer's outputs stay empty (a hazard scan does
  /// not read them).
  ///
  /// `readAhead` says whether a second thread reads, splits and
  /// pre-parses the lines (``PreparsedLine``) while this one runs the
  /// model (``ReadAheadLines``); by default it does for a source that
  /// ``ByteSource/readsAheadSafely`` (a regular file). Either way the lines,
  /// the outputs and the errors are the same. `willReplayLine` is called
  /// before each line that is neither blank nor an output is replayed, and
  /// once after the last line.
  public static func replay(
    source: some ByteSource, variant: DriverVariant = .seed, watchesHazards: Bool = false,
    rendersOutputs: Bool = true, overridesPin: Bool = false, readAhead: ReadAhead = .whenSafe,
    willReplayLine: (inout TraceReplayer) -> Void = { _ in },
    _ consume: (inout TraceReplayer, TraceReplayer.Line, Int, UnsafeBufferPointer<UInt8>)
      throws(TraceError) -> Void
  ) -> Result<Summary, TraceFailure> {
    var replayer = TraceReplayer(
      variant: variant, watchesHazards: watchesHazards, rendersOutputs: rendersOutputs)
    replayer.overridesPin = overridesPin
    var failure: TraceError?
    let lines: Int
    do throws(LineReadError) {
      lines = try ReadAheadLines.forEachLine(
        source: source, readAhead: readAhead.applies(to: source)
      ) { line, number, preparsed, others in
        switch preparsed {
        case .blank, .output: break
        default: willReplayLine(&replayer)
        }
        do throws(TraceError) {
          let kind = try replayer.step(
            line, number: number, preparsed: preparsed, others: others)
          try consume(&replayer, kind, number, line)
          return true
        } catch {
          failure = error
          return false
        }
      }
    } catch {
      return .failure(TraceFailure(error))
    }
    if let failure { return .failure(.invalid(failure)) }
    willReplayLine(&replayer)
    do {
      try replayer.finish(lastLine: lines)
    } catch {
      return .failure(.invalid(error))
    }
    return .success(
      Summary(
        lines: lines, inputs: replayer.inputCount,
        variant: replayer.simulation.variant))
  }

  /// Parses the output record of an output line, as an error of the trace
  /// when it is malformed.
  static func outputRecord(
    _ line: UnsafeBufferPointer<UInt8>, after start: Int, number: Int
  ) throws(TraceError) -> OutputRecord {
    do {
      try TraceLineParser.checkEncoding(line)
      return try OutputRecordParser.parse(line, after: start)
    } catch {
      throw TraceError(line: number, message: error.message)
    }
  }
}

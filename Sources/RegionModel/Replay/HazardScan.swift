/// Replays a trace for its hazards in one pass: every input through the
/// model with the hazard checker, the trace's own output lines ignored
/// (but checked to be valid), each hazard handed on as soon as its input is
/// replayed, so memory stays flat however many there are. The model's
/// outputs are not rendered: nothing reads them.
public enum HazardScan {
  /// Streams the hazards of the trace `source` holds, in trace order, to
  /// `found`.
  public static func run(
    source: some ByteSource, variant: DriverVariant = .seed,
    found: (LocatedHazard) -> Void
  ) -> Result<TraceStream.Summary, TraceFailure> {
    scan(source: source, variant: variant) { found($0.located) }
  }

  /// The hazards of the trace `source` holds, in trace order, collected.
  public static func run(
    source: some ByteSource, variant: DriverVariant = .seed
  ) -> Result<[LocatedHazard], TraceFailure> {
    var collected: [LocatedHazard] = []
    return run(source: source, variant: variant) { collected.append($0) }.map { _ in collected }
  }

  /// Streams the hazards of the trace `source` holds, in trace order, to
  /// `found` as bytes: what the reports write from.
  ///
  /// An output line must still be a valid record. The model's own lines
  /// are not written: a line is one when the reading thread read it as a
  /// ``QuickOutput``, and only the others are parsed (parsing every output
  /// line cost more than the rest of the scan).
  static func scan(
    source: some ByteSource, variant: DriverVariant, found: (HazardBytes) -> Void
  ) -> Result<TraceStream.Summary, TraceFailure> {
    var validator = OutputLineValidator()
    return TraceStream.replay(
      source: source, variant: variant, watchesHazards: true, rendersOutputs: false
    ) { (replayer, kind, number, line) throws(TraceError) in
      switch kind {
      case .input:
        validator.startInput()
        report(&replayer, line: number, text: line, to: found)
      case .output(let recordStart):
        try validator.check(line, recordStart: recordStart, number: number, replayer: &replayer)
      case .nothing: return
      }
    }
  }

  /// Hands the hazards of the input just replayed to `found`.
  static func report(
    _ replayer: inout TraceReplayer, line: Int, text: UnsafeBufferPointer<UInt8>,
    to found: (HazardBytes) -> Void
  ) {
    let input = TraceChecker.trimmedRange(text)
    replayer.drainHazards { code, detail in
      found(HazardBytes(line: line, input: input, code: code, detail: detail))
    }
  }
}
